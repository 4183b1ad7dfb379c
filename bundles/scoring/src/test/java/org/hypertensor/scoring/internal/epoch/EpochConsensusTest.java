package org.hypertensor.scoring.internal.epoch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.internal.epoch.EpochDecision.NodeDecision;
import org.hypertensor.scoring.internal.epoch.EpochInput.Member;
import org.hypertensor.scoring.internal.epoch.EpochInput.Sub;
import org.junit.jupiter.api.Test;

/** Steps 2–6 of forming consensus, including the spec's score-honesty vectors. */
class EpochConsensusTest {

    private static final EpochRules RULES = new EpochRules(5100, 5100, 2, 100, 7500, 2500, 10);

    /** Builds an epoch: members (submittable or only included), then submissions. */
    private static final class Epoch {
        final List<Member> members = new ArrayList<>();
        final List<Sub> subs = new ArrayList<>();
        long consecutiveUnconfirmed;

        Epoch members(int count, boolean submittable, long streak) {
            for (int i = 0; i < count; i++) {
                byte[] account = new byte[32];
                account[0] = (byte) members.size();
                members.add(new Member(account, "peer" + members.size(), submittable, streak));
            }
            return this;
        }

        /** {@code pairs}: node index, score (0 = omitted). */
        Epoch submit(int member, long... pairs) {
            int[] nodes = new int[pairs.length / 2];
            long[] scores = new long[pairs.length / 2];
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = (int) pairs[2 * i];
                scores[i] = pairs[2 * i + 1];
            }
            subs.add(new Sub(member, true, false, nodes, scores));
            return this;
        }

        Epoch unconfirm(int member) {
            subs.add(new Sub(member, false, true, new int[0], new long[0]));
            return this;
        }

        EpochDecision decide() {
            return EpochConsensus.decide(new EpochInput(members, subs, consecutiveUnconfirmed), RULES);
        }
    }

    /** n submitters scoring node P = n with {@code scores}, and 4 more nodes with 5000 so one lie stays under 25%. */
    private static EpochDecision honesty(long... scores) {
        int n = scores.length;
        Epoch e = new Epoch().members(n + 1, true, 0).members(4, false, 0);
        for (int i = 0; i < n; i++) {
            e.submit(i, n, scores[i], n + 1, 5000, n + 2, 5000, n + 3, 5000, n + 4, 5000);
        }
        e.submit(n); // P takes part, judging nobody
        return e.decide();
    }

    @Test
    void firstHonestyVector() {
        long[] s = {5000, 5100, 5050, 4990, 5020, 9000, 100, 5010, 5030, 4980, 5000, 5040};
        EpochDecision d = honesty(s);
        assertEquals(EpochStatus.CONSENSUS, d.status);
        assertEquals(5022L, d.nodes.get(s.length).score);
        for (int i = 0; i < s.length; i++) {
            boolean liar = s[i] == 5100 || s[i] == 9000 || s[i] == 100;
            assertEquals(liar ? 1 : 0, d.nodes.get(i).penalties, "submitter of " + s[i]);
            assertEquals(liar ? 1 : 0, d.nodes.get(i).against);
            assertFalse(d.nodes.get(i).removed, "one against of five stays under 2500 bp");
        }
        assertTrue(d.nodes.get(1).reasons.get(0).contains("filtered average 5022, allowed delta 50"));
        assertTrue(d.nodes.get(s.length).rewardable());
    }

    @Test
    void secondHonestyVector() {
        long[] s = {1000, 1200, 900, 1100, 1050, 980, 1010, 990};
        EpochDecision d = honesty(s);
        assertEquals(1004L, d.nodes.get(s.length).score);
        for (int i = 0; i < s.length; i++) {
            boolean ok = s[i] == 1000 || s[i] == 1010;
            assertEquals(ok ? 0 : 1, d.nodes.get(i).penalties, "submitter of " + s[i]);
        }
    }

    @Test
    void thirdHonestyVectorDeltaZero() {
        EpochDecision d = honesty(10, 10, 10, 10);
        assertEquals(10L, d.nodes.get(4).score);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, d.nodes.get(i).penalties);
        }
    }

    @Test
    void nodeOmittedByMostIsRemovedAndItsVouchersPenalized() {
        // 5 submitters judge node 5: four omit it (8000 bp > 7500), one vouches; all score node 6 alike
        Epoch e = new Epoch().members(5, true, 0).members(2, false, 0);
        e.submit(0, 5, 4000, 6, 5000);
        for (int i = 1; i < 5; i++) {
            e.submit(i, 5, 0, 6, 5000);
        }
        EpochDecision d = e.decide();
        assertTrue(d.nodes.get(5).removed);
        assertEquals(1, d.nodes.get(0).penalties);
        assertEquals(1, d.nodes.get(0).against);
        assertTrue(d.nodes.get(0).removed, "one against in two judgements is 5000 bp >= 2500");
        for (int i = 1; i < 5; i++) {
            assertEquals(0, d.nodes.get(i).penalties);
        }
    }

    @Test
    void nodeOmittedByMinorityPenalizesOmitters() {
        // 4 vouch, 1 omits (2000 bp): the omitter is penalized; the node is judged on its scores
        Epoch e = new Epoch().members(5, true, 0).members(5, false, 0);
        for (int i = 0; i < 4; i++) {
            e.submit(i, 5, 6000, 6, 5000, 7, 5000, 8, 5000, 9, 5000);
        }
        e.submit(4, 5, 0, 6, 5000, 7, 5000, 8, 5000, 9, 5000);
        EpochDecision d = e.decide();
        assertFalse(d.nodes.get(5).removed);
        assertNull(d.nodes.get(5).score, "node 5 did not take part: no rewardable score");
        assertEquals(4, d.nodes.get(5).vouches);
        assertEquals(1, d.nodes.get(5).omissions);
        assertEquals(1, d.nodes.get(4).penalties);
        assertFalse(d.nodes.get(4).removed, "one against in five judgements is 2000 bp < 2500");
        for (int i = 0; i < 4; i++) {
            assertEquals(0, d.nodes.get(i).penalties);
        }
    }

    @Test
    void againstConsensusAtTheThresholdRemoves() {
        // the same with four judged nodes: 1 of 4 = 2500 bp >= AgainstConsensusRemovalBp
        Epoch e = new Epoch().members(5, true, 0).members(4, false, 0);
        for (int i = 0; i < 4; i++) {
            e.submit(i, 5, 6000, 6, 5000, 7, 5000, 8, 5000);
        }
        e.submit(4, 5, 0, 6, 5000, 7, 5000, 8, 5000);
        EpochDecision d = e.decide();
        assertTrue(d.nodes.get(4).removed);
        assertTrue(d.nodes.get(4).reasons.get(1).startsWith("removed: 1 of 4 judgements"));
    }

    @Test
    void nonParticipantIsPenalizedAndNotRewardable() {
        Epoch e = new Epoch().members(4, true, 3);
        for (int i = 0; i < 3; i++) {
            e.submit(i, 0, 5000, 1, 5000, 2, 5000, 3, 5000);
        }
        EpochDecision d = e.decide();
        NodeDecision idle = d.nodes.get(3);
        assertEquals(1, idle.penalties);
        assertEquals(0, idle.streak);
        assertNull(idle.score);
        assertFalse(idle.rewardable());
        assertTrue(d.nodes.get(0).rewardable());
        assertEquals(4, d.nodes.get(0).streak);
    }

    @Test
    void forgivenessAfterPenaltyForgiveEpochs() {
        Epoch e = new Epoch().members(3, true, 9);
        for (int i = 0; i < 3; i++) {
            e.submit(i, 0, 5000, 1, 5000, 2, 5000);
        }
        EpochDecision d = e.decide();
        for (NodeDecision nd : d.nodes) {
            assertEquals(10, nd.streak);
            assertTrue(nd.forgive);
        }
    }

    @Test
    void noQuorum() {
        Epoch e = new Epoch().members(3, true, 0);
        e.submit(0, 0, 5000, 1, 5000, 2, 5000);
        EpochDecision d = e.decide();
        assertEquals(EpochStatus.NO_QUORUM, d.status);
        assertTrue(d.subnetError);
        assertEquals(0, d.nodes.get(1).penalties, "a skipped epoch penalizes no one");
        assertEquals(EpochStatus.NO_QUORUM, new Epoch().decide().status);
        // a quorum of 0 bp still needs a submission (and never divides by zero)
        EpochInput none = new EpochInput(new Epoch().members(3, true, 0).members, List.of(), 0);
        assertEquals(
                EpochStatus.NO_QUORUM,
                EpochConsensus.decide(none, new EpochRules(0, 5100, 2, 100, 7500, 2500, 10)).status);
    }

    @Test
    void unconfirmMajorityVoidsAndCountsAnErrorPastTheLimit() {
        Epoch e = new Epoch().members(3, true, 0);
        e.submit(0, 0, 5000, 1, 5000, 2, 5000).unconfirm(1).unconfirm(2);
        EpochDecision d = e.decide();
        assertEquals(EpochStatus.UNCONFIRMED, d.status);
        assertEquals(1, d.consecutiveUnconfirmed);
        assertFalse(d.subnetError);
        e.consecutiveUnconfirmed = 2;
        d = e.decide();
        assertEquals(3, d.consecutiveUnconfirmed);
        assertTrue(d.subnetError);
    }

    @Test
    void unconfirmMinorityResetsTheCounter() {
        Epoch e = new Epoch().members(3, true, 0);
        e.submit(0, 0, 5000, 1, 5000, 2, 5000)
                .submit(1, 0, 5000, 1, 5000, 2, 5000)
                .unconfirm(2);
        e.consecutiveUnconfirmed = 2;
        EpochDecision d = e.decide();
        assertEquals(EpochStatus.CONSENSUS, d.status);
        assertEquals(0, d.consecutiveUnconfirmed);
        assertTrue(d.nodes.get(2).rewardable(), "an unconfirming node took part");
    }
}

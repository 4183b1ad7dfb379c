package org.hypertensor.bft.internal.machine;

import static org.hypertensor.bft.internal.machine.Script.A;
import static org.hypertensor.bft.internal.machine.Script.B;
import static org.hypertensor.bft.internal.machine.Script.CHAIN;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hypertensor.bft.api.Application;
import org.hypertensor.bft.api.Bft;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.ConsensusMachine;
import org.hypertensor.bft.api.DropReason;
import org.hypertensor.bft.api.Effect;
import org.hypertensor.bft.api.Evidence;
import org.hypertensor.bft.api.MachineConfig;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.SignRecord;
import org.hypertensor.bft.api.Step;
import org.hypertensor.bft.api.ValidatorKey;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

/** What the machine lets in: drops by reason, next-height buffering, evidence, the double-sign rule. */
class IntakeTest {

    @Test
    void dropsAreCountedByReasonAndChangeNothing() {
        Script s = new Script().start();
        Ed25519KeyPair outsider = DevKeys.derive("//Outsider");
        Ed25519KeyPair other = s.others.get(0);
        s.record(s.machine.onVote(Vote.sign(outsider, CHAIN, Step.PREVOTE, 1, 0, A)));
        s.record(s.machine.onVote(Vote.sign(other, CHAIN, Step.PREVOTE, 7, 0, A)));
        s.record(s.machine.onVote(Vote.sign(other, CHAIN, Step.PREVOTE, 0, 0, A)));
        Vote forged = new Vote(
                Step.PREVOTE,
                1,
                0,
                A,
                ValidatorKey.of(other.publicKey()),
                Vote.sign(other, CHAIN, Step.PREVOTE, 1, 0, B).signature());
        s.record(s.machine.onVote(forged));
        Vote otherChain = Vote.sign(other, Script.value("other chain"), Step.PREVOTE, 1, 0, A);
        s.record(s.machine.onVote(otherChain));
        Ed25519KeyPair notProposer = s.others.stream()
                .filter(k -> !ValidatorKey.of(k.publicKey()).equals(s.set.proposer(0)))
                .findFirst()
                .orElseThrow();
        s.record(s.machine.onProposal(Proposal.sign(notProposer, CHAIN, 1, 0, A, -1)));
        s.record(s.machine.onProposal(s.proposalOf(1, A, 1))); // validRound not below round

        var status = s.status();
        assertEquals(1, status.dropped(DropReason.NOT_VALIDATOR));
        assertEquals(2, status.dropped(DropReason.OTHER_HEIGHT));
        assertEquals(2, status.dropped(DropReason.BAD_SIGNATURE));
        assertEquals(1, status.dropped(DropReason.NOT_PROPOSER));
        assertEquals(1, status.dropped(DropReason.INVALID));
        assertEquals(List.of(), status.prevoters(), "nothing dropped was counted");
        assertEquals(List.of(), s.signed, "and nothing dropped made the machine sign");

        s.prevotes(0, A, 1).prevotes(0, A, 1);
        assertEquals(1, s.status().dropped(DropReason.DUPLICATE));
        assertEquals(1, s.status().prevoters().size());
    }

    @Test
    void nextHeightMessagesAreBufferedAndReplayed() {
        Script s = new Script().start();
        Ed25519KeyPair other = s.others.get(1);
        s.record(s.machine.onVote(Vote.sign(other, CHAIN, Step.PREVOTE, 2, 0, A)));
        assertEquals(List.of(), s.status().prevoters());
        assertEquals(0, s.status().dropped(DropReason.OTHER_HEIGHT));
        s.record(s.machine.onVote(Vote.sign(DevKeys.derive("//Nobody"), CHAIN, Step.PREVOTE, 2, 0, A)));
        assertEquals(1, s.status().dropped(DropReason.NOT_VALIDATOR), "only the current set's messages wait");
        Ed25519KeyPair chatty = s.others.get(0);
        for (int round = 0; round < TendermintMachine.BUFFER_PER_VALIDATOR + 3; round++) {
            s.record(s.machine.onVote(Vote.sign(chatty, CHAIN, Step.PRECOMMIT, 2, round, null)));
        }
        assertEquals(3, s.status().dropped(DropReason.BUFFER_FULL), "a bounded share per sender");
        s.record(s.machine.start(2, s.set.nextHeight()));
        assertEquals(List.of(ValidatorKey.of(other.publicKey())), s.status().prevoters());
        assertEquals(2, s.status().height());
    }

    @Test
    void conflictingVotesBecomeEvidenceOnceAndStillCount() throws Exception {
        Script s = new Script().start();
        Ed25519KeyPair liar = s.others.get(2);
        s.record(s.machine.onVote(Vote.sign(liar, CHAIN, Step.PREVOTE, 1, 0, A)));
        s.record(s.machine.onVote(Vote.sign(liar, CHAIN, Step.PREVOTE, 1, 0, B)));
        s.record(s.machine.onVote(Vote.sign(liar, CHAIN, Step.PREVOTE, 1, 0, null)));
        List<Evidence> evidence = s.effects.stream()
                .filter(Effect.EvidenceFound.class::isInstance)
                .map(e -> ((Effect.EvidenceFound) e).evidence())
                .toList();
        assertEquals(1, evidence.size(), "one evidence per validator and slot");
        Evidence e = evidence.get(0);
        e.verify(CHAIN);
        assertEquals(ValidatorKey.of(liar.publicKey()), e.offender());
        assertEquals(e, Evidence.decode(e.encode()));
        assertEquals(1, s.status().evidenceFound());
        for (int i = 0; i < 3; i++) { // a fourth and further values are not kept
            s.record(s.machine.onVote(Vote.sign(liar, CHAIN, Step.PREVOTE, 1, 0, Script.value("x" + i))));
        }
        assertEquals(2, s.status().dropped(DropReason.EQUIVOCATION));
        assertEquals(1, s.status().prevoters().size(), "the liar is one voter");
    }

    @Test
    void theDoubleSignRuleRefusesAConflictingVoteAfterARestart() {
        Script s = new Script(new SignRecord(1, 0, Step.PREVOTE, B)).start();
        s.proposal(0, A);
        assertEquals(List.of(), s.signed, "it signed prevote B before the restart: no prevote A now");
        assertEquals(1, s.status().guardRefusals());
        assertEquals(Step.PREVOTE, s.status().step(), "it still moves on");
    }

    @Test
    void theDoubleSignRuleAllowsTheSameVoteAgain() {
        Script s = new Script(new SignRecord(1, 0, Step.PREVOTE, A)).start();
        s.proposal(0, A);
        assertEquals(List.of("PREVOTE 0 A"), s.signed);
        assertTrue(s.effects.get(s.effects.size() - 2) instanceof Effect.AboutToSign, "guard record first");
    }

    @Test
    void theDoubleSignRuleRefusesEverythingAtOrBelowTheLastRecord() {
        Script s = new Script(new SignRecord(1, 2, Step.PRECOMMIT, null)).start();
        s.proposal(0, A).prevotes(0, A, 3).votes(Step.PRECOMMIT, 3, null, 0, 2);
        assertEquals(List.of("PROPOSAL 3 A vr=0", "PREVOTE 3 A"), s.signed, "round 3 is above the record");
        assertEquals(2, s.status().guardRefusals(), "prevote and precommit of round 0 refused");
    }

    @Test
    void aFollowerDecidesWithoutSigning() {
        Script s = new Script();
        Application app = new Application() {
            @Override
            public BlockHash proposeValue(long height, int round) {
                throw new AssertionError("a follower never proposes");
            }

            @Override
            public boolean isValid(long height, BlockHash value) {
                return true;
            }
        };
        ConsensusMachine follower = Bft.machine(new MachineConfig(CHAIN, null, app, Script.TIMEOUTS, null));
        List<Effect> out = new java.util.ArrayList<>(follower.start(1, s.set));
        out.addAll(follower.onProposal(s.proposalOf(0, A, -1)));
        for (int i = 0; i < 3; i++) {
            out.addAll(follower.onVote(Vote.sign(s.others.get(i), CHAIN, Step.PRECOMMIT, 1, 0, A)));
        }
        assertTrue(out.stream().noneMatch(e -> e instanceof Effect.BroadcastVote || e instanceof Effect.AboutToSign));
        Effect.Decide decide = out.stream()
                .filter(Effect.Decide.class::isInstance)
                .map(Effect.Decide.class::cast)
                .findFirst()
                .orElseThrow();
        assertDoesNotThrow(() -> decide.certificate().verifyFor(s.set, CHAIN, 1, A));
    }
}

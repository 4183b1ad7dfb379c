package org.hypertensor.verification.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.emissions.api.NodeReward;
import org.hypertensor.emissions.api.SubnetPayout;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.api.NodeOutcome;
import org.hypertensor.verification.internal.probe.Evidence;
import org.hypertensor.verification.internal.probe.Outcome;
import org.hypertensor.verification.internal.probe.ProbeReport;
import org.hypertensor.verification.internal.score.EpochVerifier;
import org.hypertensor.verification.internal.score.Round;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four nodes on loopback serve the devnet model (blocks 0:1, 1:3, 3:4, 0:4), probe each other every epoch and
 * submit the scores to a real chain. Epoch 2: every score is the share of blocks served, and the payout follows
 * the spec's reward formula. Node 2 stops serving during epoch 2: it scores 1 in epoch 3, and recovers in epoch 4
 * once it serves again. Node 3's engine turns faulty (outputs moved by 1e-2) during epoch 4: in epoch 5 every
 * honest prober fails it with signed evidence, it scores 1, its own (wrong) scores go against consensus and it is
 * removed, unpaid.
 */
class VerifiedEpochsTest {

    static final Duration DEADLINE = Duration.ofSeconds(180);
    static final List<BlockRange> RANGES =
            List.of(new BlockRange(0, 1), new BlockRange(1, 3), new BlockRange(3, 4), new BlockRange(0, 4));

    @TempDir
    Path dir;

    @Test
    void scoresFollowVerifiedServing() throws Exception {
        EpochVerifier.Settings settings =
                new EpochVerifier.Settings(4, 1e-3, 64, 200, Duration.ofSeconds(30), 1L << 30);
        try (LoopbackSubnet net = new LoopbackSubnet(dir, RANGES, settings)) {
            // epoch 2, the first scored one: all honest
            scoreEpoch(net, 2);
            net.serving(2, false); // node 2 stops serving mid-epoch 2, after its probes
            EpochResult e2 = closeEpoch(net, 2);
            assertScores(e2, 2500, 5000, 2500, 10000);
            e2.nodes().forEach(n -> assertEquals(0, n.penalties(), n.reasons().toString()));
            assertPaidByTheFormula(net.payout(2), net.parameterStakeRewardBp(), 4);

            scoreEpoch(net, 3);
            assertTrue(reports(net.member(0), 3, net.member(2).peer()).stream()
                    .allMatch(p -> p.outcome() == Outcome.NOT_SERVING || p.outcome() == Outcome.NO_ANSWER));
            net.serving(2, true); // back during epoch 3
            EpochResult e3 = closeEpoch(net, 3);
            assertScores(e3, 2500, 5000, 1, 10000);
            assertPaidByTheFormula(net.payout(3), net.parameterStakeRewardBp(), 4);

            scoreEpoch(net, 4);
            net.member(3).engine().perturb(true); // node 3 turns faulty mid-epoch 4
            EpochResult e4 = closeEpoch(net, 4);
            assertScores(e4, 2500, 5000, 2500, 10000);

            scoreEpoch(net, 5);
            String faulty = net.member(3).peer();
            for (int i = 0; i < 3; i++) {
                List<ProbeReport> probes = reports(net.member(i), 5, faulty);
                assertEquals(1, probes.size());
                assertEquals(
                        Outcome.FAILED, probes.get(0).outcome(), probes.get(0).toString());
                assertTrue(probes.get(0).maxError() > 5e-3, probes.get(0).toString());
                List<Evidence> evidence = net.member(i).verifier().evidence();
                assertEquals(1, evidence.size(), "honest node " + i + " keeps one piece of evidence");
                Evidence e = evidence.get(0);
                assertEquals(faulty, e.target());
                assertEquals(5, e.epoch());
                assertEquals(new BlockRange(0, 4), e.response().blocks());
                assertTrue(e.response().signatureValid(), "the faulty answer is signed by its server");
                assertFalse(
                        java.util.Arrays.equals(e.expectedDigest(), e.response().outputHash()));
                assertEquals(1L, round(net.member(i), 5).scores().get(faulty));
            }
            EpochResult e5 = closeEpoch(net, 5);
            NodeOutcome bad = outcome(e5, faulty);
            assertEquals(1L, bad.score(), bad.reasons().toString());
            assertTrue(bad.penalties() > 0, "its own submission went against consensus: " + bad.reasons());
            assertTrue(bad.removed(), "removed for going against consensus: " + bad.reasons());
            for (int i = 0; i < 3; i++) {
                NodeOutcome honest = outcome(e5, net.member(i).peer());
                assertEquals(0, honest.penalties(), honest.reasons().toString());
            }
            assertEquals(
                    List.of(2500L, 5000L, 2500L),
                    List.of(
                            outcome(e5, net.member(0).peer()).score(),
                            outcome(e5, net.member(1).peer()).score(),
                            outcome(e5, net.member(2).peer()).score()));
            SubnetPayout p5 = net.payout(5).subnets().get(0);
            assertTrue(
                    p5.nodes().stream()
                            .filter(n -> n.peerId().equals(faulty))
                            .allMatch(n -> n.reward().signum() == 0),
                    "the faulty node is not paid for epoch 5");
            assertPaidByTheFormula(net.payout(5), net.parameterStakeRewardBp(), 3);
        }
    }

    /** Runs epoch {@code epoch} to its submission window and waits until every node has submitted its scores. */
    static void scoreEpoch(LoopbackSubnet net, long epoch) throws InterruptedException {
        net.produceTo(epoch * LoopbackSubnet.L); // rounds begin at the epoch's first heads
        for (LoopbackSubnet.Member m : net.members()) {
            LoopbackSubnet.await(
                    "node " + m.index() + " to begin epoch " + epoch, DEADLINE, () -> round(m, epoch) != null);
        }
        net.produceTo(epoch * LoopbackSubnet.L + 2);
        for (LoopbackSubnet.Member m : net.members()) {
            LoopbackSubnet.await(
                    "node " + m.index() + " to submit its scores of epoch " + epoch,
                    DEADLINE,
                    () -> round(m, epoch) != null
                            && "submitted".equals(round(m, epoch).status()));
        }
    }

    /** Produces to the payout block of {@code epoch}; returns its consensus. */
    static EpochResult closeEpoch(LoopbackSubnet net, long epoch) {
        net.produceTo((epoch + 1) * LoopbackSubnet.L + 1);
        EpochResult r = net.result(epoch);
        assertEquals(EpochStatus.CONSENSUS, r.status(), r.notes().toString());
        return r;
    }

    static Round.View round(LoopbackSubnet.Member m, long epoch) {
        return m.verifier().rounds().stream()
                .filter(r -> r.epoch() == epoch)
                .findFirst()
                .orElse(null);
    }

    static List<ProbeReport> reports(LoopbackSubnet.Member m, long epoch, String target) {
        return round(m, epoch).reports().stream()
                .filter(p -> p.target().equals(target))
                .toList();
    }

    static NodeOutcome outcome(EpochResult r, String peer) {
        return r.nodes().stream()
                .filter(n -> n.peerId().equals(peer))
                .findFirst()
                .orElseThrow();
    }

    static void assertScores(EpochResult r, long... expected) {
        Map<String, Long> got = new TreeMap<>();
        Map<String, Long> want = new TreeMap<>();
        for (int i = 0; i < expected.length; i++) {
            want.put(LoopbackSubnet.peerOf(i), expected[i]);
            got.put(
                    LoopbackSubnet.peerOf(i),
                    outcome(r, LoopbackSubnet.peerOf(i)).score());
        }
        assertEquals(want, got, "consensus scores of epoch " + r.epoch());
    }

    /**
     * {@code emissions.md}: node n gets {@code pot × (StakeRewardBp × stake_n × S_score + (10000 − StakeRewardBp)
     * × score_n × S_stake) / (10000 × S_stake × S_score)}, floored once.
     */
    static void assertPaidByTheFormula(EpochPayout payout, BigInteger stakeRewardBp, int paidNodes) {
        SubnetPayout s = payout.subnets().get(0);
        List<NodeReward> paid =
                s.nodes().stream().filter(n -> n.reward().signum() > 0).toList();
        assertEquals(paidNodes, paid.size(), s.nodes().toString());
        BigInteger sStake = paid.stream().map(NodeReward::stake).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger sScore =
                paid.stream().map(n -> BigInteger.valueOf(n.score())).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger bp = BigInteger.valueOf(10_000);
        for (NodeReward n : paid) {
            BigInteger expected = s.pot()
                    .multiply(stakeRewardBp
                            .multiply(n.stake())
                            .multiply(sScore)
                            .add(bp.subtract(stakeRewardBp)
                                    .multiply(BigInteger.valueOf(n.score()))
                                    .multiply(sStake)))
                    .divide(bp.multiply(sStake).multiply(sScore));
            assertEquals(expected, n.reward(), "reward of " + n.peerId() + " (score " + n.score() + ")");
        }
    }
}

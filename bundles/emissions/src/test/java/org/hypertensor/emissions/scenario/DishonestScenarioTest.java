package org.hypertensor.emissions.scenario;

import static org.hypertensor.emissions.scenario.TestNetwork.SUBNET;
import static org.hypertensor.emissions.scenario.TestNetwork.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.api.NodeOutcome;
import org.hypertensor.staking.api.StakeInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes that lie, that never submit, or that most submitters omit: penalties, removal, slashing. */
class DishonestScenarioTest {

    @TempDir
    Path dir;

    private static NodeOutcome outcome(EpochResult r, int node) {
        return r.nodes().stream()
                .filter(o -> o.peerId().equals(TestNetwork.peer(node)))
                .findFirst()
                .orElseThrow();
    }

    private static boolean paid(EpochPayout p, int node) {
        return p.subnets().stream()
                .flatMap(s -> s.nodes().stream())
                .anyMatch(n -> n.peerId().equals(TestNetwork.peer(node)));
    }

    /** Node 4 scores node 0 far above the others every epoch: a penalty each epoch, then removed and slashed. */
    @Test
    void liarIsPenalizedThenRemovedAndSlashed() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 5, Map.of("MaxAccountPenalties", 2))) {
            byte[] liar = TestNetwork.key(4).publicKey();
            BigInteger stakeBefore = null;
            for (int epoch = 2; epoch <= 4; epoch++) {
                net.toSubmissionWindow();
                for (int i = 0; i < 4; i++) {
                    net.submitScores(i, all(5, 5000));
                }
                net.submitScores(4, 9000, 5000, 5000, 5000, 5000);
                stakeBefore =
                        net.staking(s -> s.node(SUBNET, liar).orElseThrow().stake());
                assertEquals(epoch, net.closeEpoch());
                EpochResult r = net.result(epoch);
                assertEquals(EpochStatus.CONSENSUS, r.status());
                NodeOutcome o = outcome(r, 4);
                assertEquals(1, o.penalties());
                assertEquals(1, o.against());
                assertEquals(5, o.judged());
                assertTrue(
                        o.reasons().get(0).contains("scored " + TestNetwork.peer(0) + " 9000, filtered average 5000"),
                        o.reasons().toString());
                for (int i = 0; i < 4; i++) {
                    assertEquals(0, outcome(r, i).penalties());
                }
                if (epoch < 4) {
                    assertFalse(o.removed());
                    assertTrue(paid(net.payout(epoch), 4), "a penalized node that took part is still paid");
                }
            }
            // the third penalty puts the account over MaxAccountPenalties = 2: removed and slashed
            NodeOutcome o = outcome(net.result(4), 4);
            assertTrue(o.removed());
            BigInteger slashed = stakeBefore.multiply(BigInteger.valueOf(500)).divide(BigInteger.valueOf(10_000));
            assertEquals(slashed, o.slashed());
            assertFalse(paid(net.payout(4), 4));
            // the joined report RPC's network_getEpochResult serves: removal, slash and reasons, and the payout
            var report = net.chain()
                    .query(c -> org.hypertensor.emissions.internal.query.EpochReports.of(c, SUBNET, 4))
                    .orElseThrow();
            assertEquals(slashed, outcome(report.result(), 4).slashed());
            assertTrue(outcome(report.result(), 4).reasons().stream().anyMatch(r -> r.startsWith("account removed")));
            assertEquals(4, report.payout().nodes().size());
            StakeInfo info = net.staking(s -> s.stake(liar));
            assertTrue(info.nodes().isEmpty());
            assertEquals(stakeBefore.subtract(slashed), info.unbondingTotal());
            assertEquals(
                    stakeBefore.subtract(slashed), net.chain().account(liar).reserved());
            assertEquals(3, info.penalties());
            // it may not register again while over the limit
            net.produceTo(net.head() + 1);
            var receipt = net.run(
                    TestNetwork.key(4),
                    org.hypertensor.staking.api.StakingCalls.registerNode(
                            SUBNET,
                            TestNetwork.peer(4),
                            "/ip4/127.0.0.1/tcp/40004",
                            TestNetwork.TENSOR.multiply(BigInteger.valueOf(1000))));
            assertEquals("TooManyPenalties", receipt.error());
            // the rest is freed at the first boundary after eligibleBlock(50, UnbondingEpochs = 2) = 70, i.e. 80
            BigInteger free = net.chain().account(liar).free();
            net.produceTo(79);
            assertEquals(
                    stakeBefore.subtract(slashed), net.chain().account(liar).reserved());
            net.produceTo(80);
            assertEquals(BigInteger.ZERO, net.chain().account(liar).reserved());
            assertEquals(
                    free.add(stakeBefore.subtract(slashed)),
                    net.chain().account(liar).free());
        }
    }

    /** Node 3 never submits: a penalty each epoch, never paid, removed once over the limit. */
    @Test
    void idleNodeIsPenalizedAndNeverPaid() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 4, Map.of("MaxAccountPenalties", 1))) {
            for (int epoch = 2; epoch <= 3; epoch++) {
                net.toSubmissionWindow();
                for (int i = 0; i < 3; i++) {
                    net.submitScores(i, 5000, 5000, 5000, 1);
                }
                net.closeEpoch();
                NodeOutcome o = outcome(net.result(epoch), 3);
                assertEquals(1, o.penalties());
                assertFalse(o.rewardable());
                assertTrue(
                        o.reasons().contains("penalty: neither submitted nor unconfirmed"),
                        o.reasons().toString());
                assertFalse(paid(net.payout(epoch), 3));
                assertEquals(3, net.payout(epoch).subnets().get(0).nodes().size());
                assertEquals(epoch == 3, o.removed());
            }
            assertTrue(net.staking(s -> s.node(SUBNET, TestNetwork.key(3).publicKey()))
                    .isEmpty());
        }
    }

    /** Six of seven evaluators leave node 6 out: it is removed and slashed, its one voucher penalized. */
    @Test
    void nodeOmittedByMostIsRemoved() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 7, Map.of())) {
            net.toSubmissionWindow();
            for (int i = 0; i < 5; i++) {
                net.submitScores(i, 5000, 5000, 5000, 5000, 5000, 5000, 0);
            }
            net.submitScores(5, all(7, 5000));
            net.submitScores(6, 5000, 5000, 5000, 5000, 5000, 5000, 0);
            long epoch = net.closeEpoch();
            EpochResult r = net.result(epoch);
            NodeOutcome target = outcome(r, 6);
            assertTrue(target.removed());
            assertEquals(6, target.omissions());
            assertEquals(1, target.vouches());
            assertTrue(target.slashed().signum() > 0);
            assertTrue(
                    target.reasons().get(0).startsWith("removed: omitted by 6 of 7 evaluators"),
                    target.reasons().toString());
            NodeOutcome voucher = outcome(r, 5);
            assertEquals(1, voucher.penalties());
            assertFalse(voucher.removed(), "1 against of 7 judgements stays under 2500 bp");
            for (int i = 0; i < 5; i++) {
                assertEquals(0, outcome(r, i).penalties());
            }
            assertEquals(6, net.payout(epoch).subnets().get(0).nodes().size());
        }
    }
}

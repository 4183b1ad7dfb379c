package org.hypertensor.emissions.scenario;

import static org.hypertensor.emissions.scenario.TestNetwork.SUBNET;
import static org.hypertensor.emissions.scenario.TestNetwork.TENSOR;
import static org.hypertensor.emissions.scenario.TestNetwork.all;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hypertensor.staking.api.StakingCalls;
import org.hypertensor.staking.api.Unbonding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removed stake is locked for UnbondingEpochs, freed on time, and slashed if its node is removed first: the
 * slash is floored once of bonded + unbonding, taken from bonded stake first, then unbonding oldest first.
 */
class UnbondingScenarioTest {

    @TempDir
    Path dir;

    private static BigInteger tensor(long n) {
        return TENSOR.multiply(BigInteger.valueOf(n));
    }

    @Test
    void releasedOnTimeOrSlashedBeforehand() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 4, Map.of())) {
            byte[] a0 = TestNetwork.key(0).publicKey();
            byte[] a1 = TestNetwork.key(1).publicKey();
            net.produceTo(22);
            TestNetwork.assertSuccess(net.run(TestNetwork.key(0), StakingCalls.addStake(SUBNET, tensor(600))));
            TestNetwork.assertSuccess(net.run(TestNetwork.key(1), StakingCalls.addStake(SUBNET, tensor(279_000))));
            TestNetwork.assertSuccess(net.run(TestNetwork.key(0), StakingCalls.removeStake(SUBNET, tensor(300))));
            TestNetwork.assertSuccess(net.run(TestNetwork.key(1), StakingCalls.removeStake(SUBNET, tensor(278_000))));
            // removed at block 25 or 26: freed at the first boundary after eligibleBlock(b, 2) = 40, i.e. 50
            List<Unbonding> u0 = net.staking(s -> s.stake(a0)).unbonding();
            assertEquals(1, u0.size());
            assertEquals(50, u0.get(0).releaseAt());
            assertEquals(tensor(300), u0.get(0).amount());
            // epoch 2 honest; in epoch 3 node 1 scores everyone far off and is removed at block 40
            for (int i = 0; i < 4; i++) {
                net.submitScores(i, all(4, 5000));
            }
            net.closeEpoch();
            net.toSubmissionWindow();
            for (int i = 0; i < 4; i++) {
                net.submitScores(i, i == 1 ? all(4, 9000) : all(4, 5000));
            }
            BigInteger bonded1 =
                    net.staking(s -> s.node(SUBNET, a1).orElseThrow().stake());
            net.closeEpoch();
            assertTrue(net.staking(s -> s.node(SUBNET, a1)).isEmpty(), "4 of 4 judgements against: removed");
            List<Unbonding> u1 = net.staking(s -> s.stake(a1)).unbonding();
            // floor((bonded + unbonding) × 500 / 10000) once: all the bonded stake, the rest from the unbonding entry
            BigInteger cut = bonded1.add(tensor(278_000))
                    .multiply(BigInteger.valueOf(500))
                    .divide(BigInteger.valueOf(10_000));
            assertTrue(cut.compareTo(bonded1) > 0);
            assertEquals(List.of(50L), u1.stream().map(Unbonding::releaseAt).toList(), "nothing bonded is left");
            assertEquals(
                    tensor(278_000).subtract(cut.subtract(bonded1)),
                    u1.get(0).amount(),
                    "unbonding stake is slashed too");
            assertEquals(
                    cut,
                    net.result(3).nodes().stream()
                            .filter(o -> o.peerId().equals(TestNetwork.peer(1)))
                            .findFirst()
                            .orElseThrow()
                            .slashed());
            // release of node 0's 300 exactly at block 50 (its successful submissions pay no fee)
            net.produceTo(49);
            BigInteger free0 = net.chain().account(a0).free();
            BigInteger reserved0 = net.chain().account(a0).reserved();
            BigInteger free1 = net.chain().account(a1).free();
            net.produceTo(50);
            assertEquals(free0.add(tensor(300)), net.chain().account(a0).free());
            assertEquals(
                    reserved0.subtract(tensor(300)), net.chain().account(a0).reserved());
            assertEquals(free1.add(u1.get(0).amount()), net.chain().account(a1).free());
            assertTrue(net.staking(s -> s.stake(a0)).unbonding().isEmpty());
            assertEquals(BigInteger.ZERO, net.chain().account(a1).reserved());
        }
    }
}

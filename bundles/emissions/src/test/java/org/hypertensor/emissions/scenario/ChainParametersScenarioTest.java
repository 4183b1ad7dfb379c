package org.hypertensor.emissions.scenario;

import static org.hypertensor.emissions.scenario.TestNetwork.SUBNET;
import static org.hypertensor.emissions.scenario.TestNetwork.TENSOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.staking.api.StakingCalls;
import org.hypertensor.staking.api.Unbonding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain-parameter mistakes of issue 15 on a real chain: parameters left out of the spec get the spec's
 * public-network defaults, {@code sudo.set_parameter} refuses values out of range, and an EpochLength change
 * leaves pending unbonding releasable.
 */
class ChainParametersScenarioTest {

    @TempDir
    Path dir;

    @Test
    void aSpecWithoutMaxSubnetRewardsBpRunsPastItsFirstPayouts() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 4, Map.of("MaxSubnetRewardsBp", TestNetwork.OMIT))) {
            net.produceTo(32); // payouts at blocks 11, 21 and 31 once failed here
            assertEquals(32, net.head());
            assertEquals(4800L, param(net, "MaxSubnetRewardsBp"));
        }
    }

    @Test
    void aSpecWithoutSlashBpOrEpochLengthOpensWithTheirDefaults() throws Exception {
        try (TestNetwork net =
                TestNetwork.open(dir, 4, Map.of("SlashBp", TestNetwork.OMIT, "EpochLength", TestNetwork.OMIT))) {
            net.produceTo(3);
            assertEquals(500L, param(net, "SlashBp"));
            assertEquals(100L, param(net, "EpochLength"));
        }
    }

    @Test
    void setParameterRefusesValuesOutOfRangeAndChangesNothing() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 4, Map.of())) {
            assertRefused(net, "ValidatorRewardBp", BigInteger.valueOf(10_001));
            assertRefused(net, "EpochLength", BigInteger.ZERO);
            assertRefused(net, "PenaltyForgiveEpochs", BigInteger.ZERO);
            assertRefused(net, "MinStake", TENSOR.multiply(BigInteger.valueOf(300_000))); // above MaxStake
            assertRefused(net, "NodeSubmitEpochs", BigInteger.ONE); // not above NodeInclusionEpochs (1)
            assertEquals(3000L, param(net, "ValidatorRewardBp"));
            TestNetwork.assertSuccess(net.setParameter("ValidatorRewardBp", BigInteger.valueOf(10_000)));
            assertEquals(10_000L, param(net, "ValidatorRewardBp"));
            net.chain().assertInvariants();
        }
    }

    private static long param(TestNetwork net, String name) {
        long value = net.chain().query(c -> c.parameter(name));
        return value;
    }

    private static void assertRefused(TestNetwork net, String name, BigInteger value) {
        BigInteger before = net.chain().query(c -> c.amount(name));
        Receipt r = net.setParameter(name, value);
        assertFalse(r.success(), name + " = " + value + " was accepted");
        assertEquals("InvalidParameterValue", r.error(), r.toString());
        assertEquals(before, net.chain().query(c -> c.amount(name)));
    }

    @Test
    void anEpochLengthChangeLeavesPendingUnbondingReleasable() throws Exception {
        try (TestNetwork net = TestNetwork.open(dir, 4, Map.of())) {
            byte[] a0 = TestNetwork.key(0).publicKey();
            net.produceTo(22);
            BigInteger amount = TENSOR.multiply(BigInteger.valueOf(300));
            TestNetwork.assertSuccess(net.run(TestNetwork.key(0), StakingCalls.addStake(SUBNET, amount)));
            TestNetwork.assertSuccess(net.run(TestNetwork.key(0), StakingCalls.removeStake(SUBNET, amount)));
            List<Unbonding> pending = net.staking(s -> s.stake(a0)).unbonding();
            assertEquals(
                    List.of(50L), pending.stream().map(Unbonding::releaseAt).toList());
            // 10 → 7, sent within the epoch that began at block 20: it keeps its length, block 30 is its end
            TestNetwork.assertSuccess(net.setParameter("EpochLength", BigInteger.valueOf(7)));
            assertTrue(net.head() < 29);
            net.produceTo(29);
            assertEquals(10L, param(net, "EpochLength"), "pending until the epoch ends");
            net.produceTo(30);
            assertEquals(7L, param(net, "EpochLength"), "from the block after the boundary");
            // with 7, block 50 is no boundary (49 and 56 are)
            net.produceTo(55);
            assertFalse(net.staking(s -> s.stake(a0)).unbonding().isEmpty(), "not before the next boundary");
            BigInteger reserved = net.chain().account(a0).reserved();
            net.produceTo(56);
            assertTrue(net.staking(s -> s.stake(a0)).unbonding().isEmpty(), "freed at the first boundary after 50");
            assertEquals(reserved.subtract(amount), net.chain().account(a0).reserved());
        }
    }
}

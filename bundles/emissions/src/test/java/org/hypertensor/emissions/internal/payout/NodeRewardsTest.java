package org.hypertensor.emissions.internal.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The spec's node-reward vector and the property that rewards never exceed the pot (nor the vault). */
class NodeRewardsTest {

    private static final BigInteger TENSOR = BigInteger.TEN.pow(18);

    @Test
    void specVector() {
        BigInteger vault = new BigInteger("186453576864535768700");
        BigInteger pot = NodeRewards.pot(vault, 4800);
        assertEquals(new BigInteger("89497716894977168976"), pot);
        List<NodeRewards.Share> shares = List.of(
                new NodeRewards.Share(TENSOR.multiply(BigInteger.valueOf(1000)), 5000),
                new NodeRewards.Share(TENSOR.multiply(BigInteger.valueOf(1000)), 3000),
                new NodeRewards.Share(TENSOR.multiply(BigInteger.valueOf(2000)), 2000));
        assertEquals(
                List.of(
                        new BigInteger("35799086757990867590"),
                        new BigInteger("25059360730593607313"),
                        new BigInteger("28639269406392694072")),
                NodeRewards.rewards(pot, shares, 4000));
    }

    @Test
    void vaultShareOfHundredBlocks() {
        // the vector's vault: 100 blocks × (subsidy − 30 % author share) at block 1
        assertEquals(
                new BigInteger("186453576864535768700"),
                new BigInteger("1864535768645357687").multiply(BigInteger.valueOf(100)));
    }

    @Test
    void zeroSumsPayNothing() {
        assertEquals(
                List.of(BigInteger.ZERO),
                NodeRewards.rewards(TENSOR, List.of(new NodeRewards.Share(BigInteger.ZERO, 5)), 4000));
    }

    @Test
    void rewardsNeverExceedThePot() {
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 5_000; round++) {
            BigInteger vault = BigInteger.valueOf(random.nextLong(0, Long.MAX_VALUE))
                    .multiply(BigInteger.valueOf(random.nextInt(1, 1000)));
            BigInteger pot = NodeRewards.pot(vault, random.nextInt(0, 10_001));
            assertTrue(pot.compareTo(vault) <= 0);
            List<NodeRewards.Share> shares = new ArrayList<>();
            int n = 1 + random.nextInt(96);
            for (int i = 0; i < n; i++) {
                shares.add(new NodeRewards.Share(
                        TENSOR.multiply(BigInteger.valueOf(random.nextLong(1000, 280_001))),
                        random.nextInt(1, 10_001)));
            }
            List<BigInteger> rewards = NodeRewards.rewards(pot, shares, random.nextInt(0, 10_001));
            BigInteger sum = rewards.stream().reduce(BigInteger.ZERO, BigInteger::add);
            assertTrue(sum.compareTo(pot) <= 0, "paid " + sum + " of a pot of " + pot);
            assertTrue(rewards.stream().allMatch(r -> r.signum() >= 0));
        }
    }

    /** EDA weights, pots and node rewards together: what an epoch pays never exceeds the vault. */
    @Test
    void anEpochNeverPaysMoreThanTheVault() {
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 2_000; round++) {
            BigInteger vault = BigInteger.valueOf(random.nextLong(0, Long.MAX_VALUE))
                    .multiply(BigInteger.valueOf(random.nextInt(1, 100_000)));
            java.util.TreeMap<Long, List<NodeRewards.Share>> subnets = new java.util.TreeMap<>();
            java.util.TreeMap<Long, BigInteger> stakes = new java.util.TreeMap<>();
            int count = 1 + random.nextInt(32);
            for (int s = 0; s < count; s++) {
                List<NodeRewards.Share> shares = new ArrayList<>();
                BigInteger total = BigInteger.ZERO;
                for (int n = 0, nodes = 1 + random.nextInt(20); n < nodes; n++) {
                    BigInteger stake = TENSOR.multiply(BigInteger.valueOf(random.nextLong(1000, 280_001)));
                    shares.add(new NodeRewards.Share(stake, random.nextInt(1, 10_001)));
                    total = total.add(stake);
                }
                subnets.put((long) s + 1, shares);
                stakes.put((long) s + 1, total);
            }
            BigInteger paid = BigInteger.ZERO;
            for (ExcessDistribution.Weight w : ExcessDistribution.weights(stakes, random.nextInt(1, 10_001))
                    .weights()) {
                BigInteger pot = NodeRewards.pot(vault, w.bp());
                for (BigInteger r : NodeRewards.rewards(pot, subnets.get(w.subnet()), 4000)) {
                    paid = paid.add(r);
                }
            }
            assertTrue(paid.compareTo(vault) <= 0, "paid " + paid + " from a vault of " + vault);
        }
    }
}

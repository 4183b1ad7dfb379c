package org.hypertensor.emissions.internal.payout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The spec's EDA vectors, and the properties: cap, sum, order. */
class ExcessDistributionTest {

    private static TreeMap<Long, BigInteger> stakes(long... idStake) {
        TreeMap<Long, BigInteger> m = new TreeMap<>();
        for (int i = 0; i < idStake.length; i += 2) {
            m.put(idStake[i], BigInteger.valueOf(idStake[i + 1]));
        }
        return m;
    }

    private static List<ExcessDistribution.Weight> w(long... idWeight) {
        List<ExcessDistribution.Weight> out = new java.util.ArrayList<>();
        for (int i = 0; i < idWeight.length; i += 2) {
            out.add(new ExcessDistribution.Weight(idWeight[i], idWeight[i + 1]));
        }
        return out;
    }

    @Test
    void specVectors() {
        assertEquals(
                w(1, 4800, 2, 3466, 3, 1734),
                ExcessDistribution.weights(stakes(1, 700, 2, 200, 3, 100), 4800).weights());
        assertEquals(
                w(1, 4000, 2, 3600, 3, 1800, 4, 600),
                ExcessDistribution.weights(stakes(1, 500, 2, 300, 3, 150, 4, 50), 4000)
                        .weights());
        assertEquals(
                w(1, 5000, 2, 5000),
                ExcessDistribution.weights(stakes(1, 900, 2, 100), 4000).weights());
        assertEquals(
                w(7, 10_000), ExcessDistribution.weights(stakes(7, 5), 4800).weights());
        assertEquals(
                w(1, 3000, 2, 3000, 3, 2666, 4, 1334),
                ExcessDistribution.weights(stakes(1, 6000, 2, 2500, 3, 1000, 4, 500), 3000)
                        .weights());
    }

    @Test
    void zeroWeightSubnetsAreDropped() {
        ExcessDistribution.Outcome o = ExcessDistribution.weights(stakes(1, 1_000_000, 2, 1, 3, 0), 4800);
        assertEquals(List.of(2L, 3L), o.dropped());
        assertEquals(w(1, 10_000), o.weights());
        assertTrue(ExcessDistribution.weights(stakes(1, 0), 4800).weights().isEmpty());
    }

    @Test
    void tiesOrderedById() {
        assertEquals(
                w(2, 5000, 5, 5000),
                ExcessDistribution.weights(stakes(5, 10, 2, 10), 4800).weights());
    }

    /**
     * A limit of step e as specified: {@code excess × w / rem} is floored subnet by subnet, so what one floor
     * keeps back goes to the next, and two subnets of equal stake can end 1 bp apart.
     */
    @Test
    void flooringCanSwapByOneBp() {
        assertEquals(
                w(3, 3600, 2, 2741, 5, 2742, 4, 633, 1, 284),
                ExcessDistribution.weights(stakes(1, 80, 2, 775, 3, 8191, 4, 179, 5, 775), 3600)
                        .weights());
    }

    @Test
    void propertiesOverRandomInputs() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 20_000; round++) {
            int count = 1 + random.nextInt(32);
            TreeMap<Long, BigInteger> m = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                long stake = random.nextInt(4) == 0 ? random.nextLong(1, 1_000_000_000_000L) : random.nextLong(1, 1000);
                m.put((long) random.nextInt(1000), BigInteger.valueOf(stake).multiply(BigInteger.TEN.pow(18)));
            }
            long cap = random.nextInt(1, 10_001);
            ExcessDistribution.Outcome o = ExcessDistribution.weights(m, cap);
            List<ExcessDistribution.Weight> ws = o.weights();
            assertEquals(m.size(), ws.size() + o.dropped().size());
            long sum = ws.stream().mapToLong(ExcessDistribution.Weight::bp).sum();
            assertTrue(sum <= 10_000, "sum " + sum);
            long target = ws.isEmpty() ? 0 : Math.max(cap, 10_000 / ws.size());
            for (int i = 0; i < ws.size(); i++) {
                assertTrue(ws.size() == 1 || ws.get(i).bp() <= target, "weight above the cap");
                assertTrue(ws.get(i).bp() > 0);
                if (i > 0) {
                    // the spec's sequential floors can lift a later subnet by 1 bp (see flooringCanSwapByOneBp)
                    assertTrue(ws.get(i - 1).bp() + 1 >= ws.get(i).bp(), () -> "order lost: " + ws);
                }
            }
        }
    }
}

package org.hypertensor.emissions.internal.payout;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Excess Distribution Algorithm: subnet weights in bp from their rewardable stake, each capped at
 * {@code max(cap, 10000 / count)}, the excess above the cap handed to the others in proportion to their
 * weight (see {@code emissions.md}, step 2). Integer arithmetic only.
 */
public final class ExcessDistribution {

    private static final BigInteger BP = BigInteger.valueOf(10_000);

    private ExcessDistribution() {}

    /** A subnet's final weight. */
    public record Weight(long subnet, long bp) {}

    /** The weights in order (descending, ties by id), and the subnets dropped because their weight was 0. */
    public record Outcome(List<Weight> weights, List<Long> dropped) {

        public Map<Long, Long> asMap() {
            Map<Long, Long> out = new TreeMap<>();
            weights.forEach(w -> out.put(w.subnet(), w.bp()));
            return out;
        }
    }

    /**
     * @param stakes rewardable stake per subnet id (a sorted map: the input order does not matter)
     * @param capBp {@code MaxSubnetRewardsBp}
     */
    public static Outcome weights(TreeMap<Long, BigInteger> stakes, long capBp) {
        BigInteger total = BigInteger.ZERO;
        for (BigInteger s : stakes.values()) {
            total = total.add(s);
        }
        List<Long> dropped = new ArrayList<>();
        List<long[]> ws = new ArrayList<>(); // {subnet, original weight}
        if (total.signum() == 0) {
            dropped.addAll(stakes.keySet());
            return new Outcome(List.of(), dropped);
        }
        for (Map.Entry<Long, BigInteger> e : stakes.entrySet()) {
            long w = e.getValue().multiply(BP).divide(total).longValueExact();
            if (w == 0) {
                dropped.add(e.getKey());
            } else {
                ws.add(new long[] {e.getKey(), w});
            }
        }
        ws.sort(Comparator.<long[]>comparingLong(a -> -a[1]).thenComparingLong(a -> a[0]));
        List<Weight> out = new ArrayList<>(ws.size());
        if (ws.size() == 1) {
            out.add(new Weight(ws.get(0)[0], 10_000));
            return new Outcome(out, dropped);
        }
        if (ws.isEmpty()) {
            return new Outcome(out, dropped);
        }
        long target = Math.max(capBp, 10_000 / ws.size());
        long excess = 0;
        long rem = 0;
        for (long[] a : ws) {
            excess += Math.max(0, a[1] - target);
            rem += a[1];
        }
        if (excess == 0) {
            ws.forEach(a -> out.add(new Weight(a[0], a[1])));
            return new Outcome(out, dropped);
        }
        for (long[] a : ws) {
            long w = a[1];
            long finalWeight;
            if (w > target) {
                finalWeight = target;
            } else {
                long add = Math.min(target - w, Math.multiplyExact(excess, w) / rem);
                finalWeight = w + add;
                excess -= add;
            }
            rem -= w;
            out.add(new Weight(a[0], finalWeight));
        }
        return new Outcome(out, dropped);
    }
}

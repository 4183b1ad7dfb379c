package org.hypertensor.emissions.internal.payout;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A subnet's pot shared among its rewardable nodes, by stake and by score:
 * {@code pot × (S·stake·ΣScore + (10000 − S)·score·ΣStake) / (10000 · ΣStake · ΣScore)}, exact and floored
 * once per node ({@code S} = {@code StakeRewardBp}). The sum never exceeds the pot.
 */
public final class NodeRewards {

    private static final BigInteger BP = BigInteger.valueOf(10_000);

    private NodeRewards() {}

    /** One rewardable node: its stake (already capped at MaxStake) and its score in bp. */
    public record Share(BigInteger stake, long score) {}

    /** The reward of each share, in the same order; all zero when the stakes or the scores sum to 0. */
    public static List<BigInteger> rewards(BigInteger pot, List<Share> shares, long stakeRewardBp) {
        BigInteger sumStake = BigInteger.ZERO;
        BigInteger sumScore = BigInteger.ZERO;
        for (Share s : shares) {
            sumStake = sumStake.add(s.stake());
            sumScore = sumScore.add(BigInteger.valueOf(s.score()));
        }
        List<BigInteger> out = new ArrayList<>(shares.size());
        if (sumStake.signum() == 0 || sumScore.signum() == 0 || pot.signum() == 0) {
            shares.forEach(s -> out.add(BigInteger.ZERO));
            return out;
        }
        BigInteger stakePart = BigInteger.valueOf(stakeRewardBp);
        BigInteger scorePart = BP.subtract(stakePart);
        BigInteger denominator = BP.multiply(sumStake).multiply(sumScore);
        for (Share s : shares) {
            BigInteger numerator = stakePart
                    .multiply(s.stake())
                    .multiply(sumScore)
                    .add(scorePart.multiply(BigInteger.valueOf(s.score())).multiply(sumStake));
            out.add(pot.multiply(numerator).divide(denominator));
        }
        return out;
    }

    /** {@code vault × weight / 10000}. */
    public static BigInteger pot(BigInteger vault, long weightBp) {
        return vault.multiply(BigInteger.valueOf(weightBp)).divide(BP);
    }
}

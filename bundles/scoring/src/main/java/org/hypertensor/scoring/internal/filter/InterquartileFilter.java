package org.hypertensor.scoring.internal.filter;

import java.util.Arrays;

/**
 * The interquartile filter of the scores one node received in an epoch, exact in integers.
 *
 * <p>Q1 and Q3 are the 25th and 75th percentiles by linear interpolation between closest ranks (position
 * {@code p × (n − 1)}). Four times a quartile is an integer ({@code 4·x[k] + f·(x[k+1] − x[k])} with
 * {@code f = (n−1) mod 4} or {@code 3(n−1) mod 4}), so the fences {@code Q1 − 1.5·IQR} and
 * {@code Q3 + 1.5·IQR} times 8 are integers too: {@code 5·(4Q1) − 3·(4Q3)} and {@code 5·(4Q3) − 3·(4Q1)},
 * compared with {@code 8x}. With fewer than four scores everything is kept.
 */
public final class InterquartileFilter {

    /** With fewer scores than this the filter keeps them all. */
    public static final int MIN_SCORES = 4;

    private InterquartileFilter() {}

    /** The result: the quartiles times four, the fences times eight, what was kept and its floored average. */
    public record Result(
            long q1Times4,
            long q3Times4,
            long lowerFenceTimes8,
            long upperFenceTimes8,
            int kept,
            long keptSum,
            long average) {

        /** Whether {@code score} lies within the fences (inclusive). */
        public boolean keeps(long score) {
            return 8 * score >= lowerFenceTimes8 && 8 * score <= upperFenceTimes8;
        }
    }

    /**
     * Filters {@code scores} (not modified; any order). Never keeps an empty set: the median lies within
     * the fences.
     *
     * @throws IllegalArgumentException for no scores
     */
    public static Result filter(long[] scores) {
        int n = scores.length;
        if (n == 0) {
            throw new IllegalArgumentException("no scores to filter");
        }
        long[] x = scores.clone();
        Arrays.sort(x);
        if (n < MIN_SCORES) {
            long sum = 0;
            for (long v : x) {
                sum += v;
            }
            return new Result(4 * x[0], 4 * x[n - 1], Long.MIN_VALUE, Long.MAX_VALUE, n, sum, sum / n);
        }
        long q1 = quartileTimes4(x, n - 1);
        long q3 = quartileTimes4(x, 3L * (n - 1));
        long lower = 5 * q1 - 3 * q3;
        long upper = 5 * q3 - 3 * q1;
        long sum = 0;
        int kept = 0;
        for (long v : x) {
            if (8 * v >= lower && 8 * v <= upper) {
                sum += v;
                kept++;
            }
        }
        return new Result(q1, q3, lower, upper, kept, sum, Math.floorDiv(sum, kept));
    }

    /** 4 × the value at fractional position {@code positionTimes4 / 4} of the sorted array. */
    private static long quartileTimes4(long[] sorted, long positionTimes4) {
        int k = (int) (positionTimes4 / 4);
        long f = positionTimes4 % 4;
        long base = 4 * sorted[k];
        return f == 0 ? base : base + f * (sorted[k + 1] - sorted[k]);
    }
}

package org.hypertensor.bft.api;

/**
 * The round timeouts, growing per round: {@code base + round × delta} milliseconds for each step
 * (the paper's {@code timeoutPropose(r)}, {@code timeoutPrevote(r)}, {@code timeoutPrecommit(r)}).
 */
public record Timeouts(
        long proposeBaseMs,
        long proposeDeltaMs,
        long prevoteBaseMs,
        long prevoteDeltaMs,
        long precommitBaseMs,
        long precommitDeltaMs) {

    /** Tendermint's defaults: propose 3 s + 0.5 s per round, prevote and precommit 1 s + 0.5 s per round. */
    public static final Timeouts DEFAULTS = new Timeouts(3000, 500, 1000, 500, 1000, 500);

    public Timeouts {
        if (proposeBaseMs < 1
                || prevoteBaseMs < 1
                || precommitBaseMs < 1
                || proposeDeltaMs < 0
                || prevoteDeltaMs < 0
                || precommitDeltaMs < 0) {
            throw new IllegalArgumentException("timeouts: bases must be at least 1 ms and deltas not negative");
        }
    }

    /** The timeout of {@code step} in {@code round}, in milliseconds (saturating, never overflows). */
    public long durationMs(Step step, int round) {
        long base;
        long delta;
        switch (step) {
            case PROPOSE -> {
                base = proposeBaseMs;
                delta = proposeDeltaMs;
            }
            case PREVOTE -> {
                base = prevoteBaseMs;
                delta = prevoteDeltaMs;
            }
            default -> {
                base = precommitBaseMs;
                delta = precommitDeltaMs;
            }
        }
        try {
            return Math.addExact(base, Math.multiplyExact(delta, (long) round));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}

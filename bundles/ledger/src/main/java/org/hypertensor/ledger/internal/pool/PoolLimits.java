package org.hypertensor.ledger.internal.pool;

/**
 * The pool's bounds. Future transactions (a nonce past the sender's contiguous pooled run) wait in a small
 * window: at most {@code futurePerSender} per sender, at most {@code futureGap} nonces past the run, at most
 * {@code futureMax} in all and for {@code futureTtlMillis}; they can never take the room of ready ones. The
 * last {@code dutyReserve} slots take only duty calls (fee-free score submissions), so a pool filled by
 * others still takes the node's own duties.
 */
public record PoolLimits(
        int maxSize,
        int maxPerSender,
        int futurePerSender,
        int futureGap,
        int futureMax,
        int dutyReserve,
        long futureTtlMillis) {

    public static final int DEFAULT_FUTURE_PER_SENDER = 16;
    public static final int DEFAULT_FUTURE_GAP = 64;
    public static final int DEFAULT_FUTURE_MAX = 1024;
    public static final int DEFAULT_DUTY_RESERVE = 256;
    public static final long DEFAULT_FUTURE_TTL_MILLIS = 180_000;

    public PoolLimits {
        if (maxSize < 1
                || maxPerSender < 1
                || futurePerSender < 0
                || futureGap < 0
                || futureMax < 0
                || dutyReserve < 0
                || futureTtlMillis < 0) {
            throw new IllegalArgumentException("pool limits must be positive");
        }
        // Futures and the duty reserve are each at most a quarter / a tenth of the pool: ready
        // transactions of ordinary senders always keep most of it.
        futureMax = Math.min(futureMax, maxSize / 4);
        dutyReserve = Math.min(dutyReserve, maxSize / 10);
    }

    /** The defaults of everything but the two sizes. */
    public static PoolLimits of(int maxSize, int maxPerSender) {
        return new PoolLimits(
                maxSize,
                maxPerSender,
                DEFAULT_FUTURE_PER_SENDER,
                DEFAULT_FUTURE_GAP,
                DEFAULT_FUTURE_MAX,
                DEFAULT_DUTY_RESERVE,
                DEFAULT_FUTURE_TTL_MILLIS);
    }
}

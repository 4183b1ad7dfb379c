package org.hypertensor.store.internal.db;

/**
 * How a store runs (the {@code org.hypertensor.store} configuration, docs/state.md "Configuration").
 *
 * @param cacheBytes byte budget of the bucket cache
 * @param bucketBits bits of key hash per bucket, for a new database (an existing one keeps its own)
 * @param minTreeChanges bucket changes after which the bucket hashes are stored again (in the background)
 * @param keepFinalized the states of this many last finalized blocks stay readable ({@code stateAt}), and every
 *     newer one...
 * @param maxStates ...but at most this many states (the undo records of the blocks after the oldest are in memory)
 */
public record StoreOptions(long cacheBytes, int bucketBits, int minTreeChanges, int keepFinalized, int maxStates) {
    public static final StoreOptions DEFAULTS = new StoreOptions(256L << 20, 20, 200_000, 16, 64);

    public StoreOptions {
        if (cacheBytes < 0 || bucketBits < 1 || bucketBits > 24 || minTreeChanges < 1) {
            throw new IllegalArgumentException("store options: cache.mb >= 0, bucket bits 1..24");
        }
        if (keepFinalized < 1 || maxStates < 1) {
            throw new IllegalArgumentException("store options: pruning and states.max must be at least 1");
        }
    }

    /** The oldest block whose state is kept, given the head and the finalized block (-1: none). */
    long keepFrom(long head, long finalized) {
        long byFinality = finalized < 0 ? Long.MIN_VALUE : finalized - keepFinalized + 1;
        return Math.max(0, Math.max(byFinality, head - maxStates + 1));
    }

    StoreOptions withMinTreeChanges(int changes) {
        return new StoreOptions(cacheBytes, bucketBits, changes, keepFinalized, maxStates);
    }
}

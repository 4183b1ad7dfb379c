package org.hypertensor.store.internal.db;

/** Store options for tests: a cache of a few buckets (most reads go to Derby, evictions all the time). */
public final class StoreTests {
    /** 4 KB of cache, 256 buckets, bucket hashes stored often, 16 finalized states, at most 64. */
    public static final StoreOptions TINY = new StoreOptions(4096, 8, 50, 16, 64);

    private StoreTests() {}
}

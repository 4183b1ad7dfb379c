package org.hypertensor.store.api;

import java.nio.file.Path;

/**
 * Figures of an open chain store ({@code ledger:state}, metrics).
 *
 * @param directory the store's directory
 * @param head the head block's number (-1: no block)
 * @param keys keys in the head's state
 * @param diskBytes size of the database files
 * @param cacheBytes bytes of state in the bucket cache now
 * @param cacheLimitBytes the cache's byte budget
 * @param cacheHits bucket reads answered from the cache since open
 * @param cacheMisses bucket reads that went to the database since open
 * @param cacheEvictions buckets evicted for space since open
 * @param oldestState the oldest block whose state is still readable ({@link ChainStore#stateAt})
 * @param archive whether the store keeps every state (archive mode, {@code pruning = archive}) (since 1.3.0)
 * @param historyRows archive mode: the history rows (a key's value before a block that changed it); 0 otherwise
 * @param historyBytes archive mode: bytes allocated to the history table and its indexes; 0 otherwise
 * @param rowsBehind committed blocks whose state rows are not all written yet (written behind the commits) (since
 *     1.4.0)
 */
public record StoreStats(
        Path directory,
        long head,
        long keys,
        long diskBytes,
        long cacheBytes,
        long cacheLimitBytes,
        long cacheHits,
        long cacheMisses,
        long cacheEvictions,
        long oldestState,
        boolean archive,
        long historyRows,
        long historyBytes,
        long rowsBehind) {

    /** The figures without the rows written behind (the 1.3.0 constructor). */
    public StoreStats(
            Path directory,
            long head,
            long keys,
            long diskBytes,
            long cacheBytes,
            long cacheLimitBytes,
            long cacheHits,
            long cacheMisses,
            long cacheEvictions,
            long oldestState,
            boolean archive,
            long historyRows,
            long historyBytes) {
        this(
                directory,
                head,
                keys,
                diskBytes,
                cacheBytes,
                cacheLimitBytes,
                cacheHits,
                cacheMisses,
                cacheEvictions,
                oldestState,
                archive,
                historyRows,
                historyBytes,
                0);
    }

    /** The figures of a pruned store (the 1.2.0 constructor). */
    public StoreStats(
            Path directory,
            long head,
            long keys,
            long diskBytes,
            long cacheBytes,
            long cacheLimitBytes,
            long cacheHits,
            long cacheMisses,
            long cacheEvictions,
            long oldestState) {
        this(
                directory,
                head,
                keys,
                diskBytes,
                cacheBytes,
                cacheLimitBytes,
                cacheHits,
                cacheMisses,
                cacheEvictions,
                oldestState,
                false,
                0,
                0);
    }

    /** Cache hits per 10,000 bucket reads (integer, 0 before any read). */
    public long hitRatePerTenThousand() {
        long reads = cacheHits + cacheMisses;
        return reads == 0 ? 0 : cacheHits * 10_000 / reads;
    }
}

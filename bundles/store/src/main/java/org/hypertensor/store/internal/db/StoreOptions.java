package org.hypertensor.store.internal.db;

import org.hypertensor.store.internal.paged.StateLayout;

/**
 * How a store runs (the {@code org.hypertensor.store} configuration, docs/state.md "Configuration").
 *
 * @param cacheBytes byte budget of the bucket cache
 * @param bucketBits bits of key hash per bucket, for a new database (an existing one keeps its own)
 * @param minTreeChanges bucket changes after which the bucket hashes are stored again (in the background)
 * @param keepFinalized the states of this many last finalized blocks stay readable ({@code stateAt}), and every
 *     newer one...; {@link #ARCHIVE} keeps every state (the history of every key in the database)
 * @param maxStates ...but at most this many states (the undo records of the blocks after the oldest are in memory)
 * @param blocksKeep the bodies of this many last finalized blocks are kept, older ones pruned ({@link #KEEP_ALL}:
 *     every body kept)
 * @param layout how a new database holds state values (an existing one keeps its own)
 * @param rowsBehind how many committed blocks may have their state rows not yet written when a commit returns (the
 *     rows are written behind the commits; 0: a commit returns once its rows are written)
 */
public record StoreOptions(
        long cacheBytes,
        int bucketBits,
        int minTreeChanges,
        int keepFinalized,
        int maxStates,
        long blocksKeep,
        StateLayout layout,
        int rowsBehind) {
    /** {@code blocks.keep = all}: a full node keeps every block's body. */
    public static final long KEEP_ALL = 0;

    public static final StoreOptions DEFAULTS = new StoreOptions(256L << 20, 20, 200_000, 16, 64);
    /** {@code keepFinalized} of archive mode ({@code pruning = archive}): every state stays readable. */
    public static final int ARCHIVE = 0;

    /** The default of {@code state.rows.behind}. */
    public static final int ROWS_BEHIND = 2;

    /** Options that keep every block's body. */
    public StoreOptions(long cacheBytes, int bucketBits, int minTreeChanges, int keepFinalized, int maxStates) {
        this(
                cacheBytes,
                bucketBits,
                minTreeChanges,
                keepFinalized,
                maxStates,
                KEEP_ALL,
                StateLayout.BUCKET,
                ROWS_BEHIND);
    }

    public StoreOptions {
        if (layout == null) {
            throw new IllegalArgumentException("store options: state.values is 'bucket', 'blob' or 'inline'");
        }
        if (blocksKeep < 0) {
            throw new IllegalArgumentException("store options: blocks.keep is 'all' or at least 1");
        }
        if (cacheBytes < 0 || bucketBits < 1 || bucketBits > 24 || minTreeChanges < 1) {
            throw new IllegalArgumentException("store options: cache.mb >= 0, bucket bits 1..24");
        }
        if (rowsBehind < 0 || rowsBehind > 64) {
            throw new IllegalArgumentException("store options: state.rows.behind is 0..64");
        }
        if (keepFinalized < ARCHIVE || maxStates < 1) {
            throw new IllegalArgumentException("store options: pruning (or archive) and states.max must be at least 1");
        }
    }

    /** Archive mode: every state readable, older ones from the database's history rows. */
    public boolean archive() {
        return keepFinalized == ARCHIVE;
    }

    /**
     * The {@code pruning} setting: {@code archive}, or a number of finalized blocks (at least 1).
     *
     * @throws IllegalArgumentException with a one-line message saying what is accepted
     */
    public static int parsePruning(String value) {
        String v = value == null ? "" : value.trim();
        if (v.equalsIgnoreCase("archive")) {
            return ARCHIVE;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "pruning = '" + v + "' is neither 'archive' nor a number of finalized blocks >= 1");
    }

    /**
     * The {@code state.values} setting: {@code bucket}, {@code blob} or {@code inline}.
     *
     * @throws IllegalArgumentException with a one-line message saying what is accepted
     */
    public static StateLayout parseValues(String value) {
        String v = value == null ? "" : value.trim();
        for (StateLayout layout : StateLayout.values()) {
            if (layout.name().equalsIgnoreCase(v)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("state.values = '" + v + "' is not 'bucket', 'blob' or 'inline'");
    }

    /** The oldest block whose state the undo journal keeps (in archive mode older ones are read from history), given the head and the finalized block (-1: none). */
    long keepFrom(long head, long finalized) {
        long byFinality = finalized < 0 || archive() ? Long.MIN_VALUE : finalized - keepFinalized + 1;
        return Math.max(0, Math.max(byFinality, head - maxStates + 1));
    }

    /** Byte budget of the undo journal in the heap: a quarter of the cache's, at least 16 MiB. */
    long journalBytes() {
        return Math.max(16L << 20, cacheBytes / 4);
    }

    StoreOptions withMinTreeChanges(int changes) {
        return new StoreOptions(
                cacheBytes, bucketBits, changes, keepFinalized, maxStates, blocksKeep, layout, rowsBehind);
    }

    /** These options keeping the bodies of the last {@code blocks} finalized blocks ({@link #KEEP_ALL}: all). */
    public StoreOptions withBlocksKeep(long blocks) {
        return new StoreOptions(
                cacheBytes, bucketBits, minTreeChanges, keepFinalized, maxStates, blocks, layout, rowsBehind);
    }

    /** These options making new databases with {@code values}. */
    public StoreOptions withLayout(StateLayout values) {
        return new StoreOptions(
                cacheBytes, bucketBits, minTreeChanges, keepFinalized, maxStates, blocksKeep, values, rowsBehind);
    }

    /** These options with {@code state.rows.behind = blocks}. */
    public StoreOptions withRowsBehind(int blocks) {
        return new StoreOptions(
                cacheBytes, bucketBits, minTreeChanges, keepFinalized, maxStates, blocksKeep, layout, blocks);
    }

    /** The lowest block whose body is kept once {@code finalized} is final (0 while every body is kept). */
    long bodiesFrom(long finalized) {
        return blocksKeep == KEEP_ALL || finalized < 0 ? 0 : Math.max(0, finalized - blocksKeep + 1);
    }
}

package org.hypertensor.store.internal;

import org.hypertensor.store.internal.db.StoreOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The chain store's configuration ({@code etc/org.hypertensor.store.cfg}, docs/state.md "Configuration"). */
@ObjectClassDefinition(
        id = StoreConfig.PID,
        name = "Chain store",
        description = "The embedded database of blocks and paged state")
public @interface StoreConfig {
    String PID = "org.hypertensor.store";

    @AttributeDefinition(min = "0", description = "Byte budget of the state's bucket cache, in MiB.")
    int cache_mb() default 256;

    @AttributeDefinition(
            description = "States kept readable (stateAt, state sync): this many last finalized blocks and every "
                    + "newer one, up to states.max; or 'archive': every state (history rows in the database). "
                    + "Fixed when a database is created.")
    String pruning() default "16";

    @AttributeDefinition(min = "1", description = "At most this many states kept (their undo records are in memory).")
    int states_max() default 64;

    @AttributeDefinition(
            min = "8",
            max = "24",
            description = "Key-hash bits per bucket for a NEW database (an existing one keeps its own).")
    int bucket_bits() default 20;

    @AttributeDefinition(min = "1", description = "Bucket changes after which the bucket hashes are stored again.")
    int tree_changes() default 200_000;

    @AttributeDefinition(
            description = "Bodies kept: 'all' (a full node), or N >= 1 to keep the bodies of the last N finalized "
                    + "blocks only (older ones keep their headers).")
    String blocks_keep() default "all";

    @AttributeDefinition(
            description = "How a NEW database holds the state: 'bucket' (one row per bucket: fast reads of state not"
                    + " in the cache), 'blob' (one row per key) or 'inline' (one row per key, short values in a"
                    + " covering index: slower commits). An existing database keeps its own.")
    String state_values() default "bucket";

    @AttributeDefinition(
            min = "0",
            max = "64",
            description = "Committed blocks whose state rows may still be unwritten when a commit returns: the rows"
                    + " are written behind the commits, from the block's changes already stored (0: a commit waits"
                    + " for its rows).")
    int state_rows_behind() default StoreOptions.ROWS_BEHIND;
}

package org.hypertensor.store.internal.paged;

import java.sql.Connection;
import java.sql.SQLException;

/** Benchmark tool support: {@code ht_state}'s rows (schema 2) written as {@code ht_buckets} rows. */
public final class BucketRows {
    private BucketRows() {}

    /** Copies every row of {@code ht_state} into {@code ht_buckets} (which must exist and be empty); returns rows. */
    public static long copy(Connection c, int bits) throws SQLException {
        long[] rows = {0};
        long t0 = System.nanoTime();
        try (StateTable.Batch insert = new StateTable.Batch(c, StateTable.INSERT_BUCKET);
                StateTable.Batch update = new StateTable.Batch(c, StateTable.UPDATE_BUCKET);
                StateTable.Batch delete = new StateTable.Batch(c, StateTable.DELETE_BUCKET)) {
            StateTable.BucketRows writes = new StateTable.BucketRows(insert, update, delete);
            StateTable.eachBucket(c, StateLayout.BLOB, bits, (b, content) -> {
                writes.write(b, content, false); // a non-empty bucket, not yet in ht_buckets: inserted
                long before = rows[0];
                rows[0] += content.size();
                if (rows[0] / 1_000_000 > before / 1_000_000) {
                    System.out.printf(
                            "%,d rows in buckets, %d s%n", rows[0], (System.nanoTime() - t0) / 1_000_000_000L);
                }
            });
            writes.finish();
        }
        return rows[0];
    }
}

package org.hypertensor.store.internal.paged;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Benchmark tool support: {@code ht_state}'s rows (schema 2) written as {@code ht_buckets} rows. */
public final class BucketRows {
    private BucketRows() {}

    /** Copies every row of {@code ht_state} into {@code ht_buckets} (which must exist and be empty); returns rows. */
    public static long copy(Connection c, int bits) throws SQLException {
        long[] rows = {0};
        long t0 = System.nanoTime();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ht_buckets (b, data) VALUES (?, ?)")) {
            int[] pending = {0};
            StateTable.eachBucket(c, StateLayout.BLOB, bits, (b, content) -> {
                byte[] data = BucketCodec.encode(content);
                insert.setInt(1, b);
                insert.setBinaryStream(2, new ByteArrayInputStream(data), data.length);
                insert.addBatch();
                if (++pending[0] == 10_000) {
                    insert.executeBatch();
                    pending[0] = 0;
                }
                long before = rows[0];
                rows[0] += content.size();
                if (rows[0] / 1_000_000 > before / 1_000_000) {
                    System.out.printf(
                            "%,d rows in buckets, %d s%n", rows[0], (System.nanoTime() - t0) / 1_000_000_000L);
                }
            });
            insert.executeBatch();
        }
        return rows[0];
    }
}

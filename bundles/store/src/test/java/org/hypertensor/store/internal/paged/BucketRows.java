package org.hypertensor.store.internal.paged;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Benchmark tool support: {@code ht_state}'s rows (read in key-hash order) written as {@code ht_buckets} rows. */
public final class BucketRows {
    private BucketRows() {}

    /** Copies every row of {@code ht_state} into {@code ht_buckets} (which must exist and be empty); returns rows. */
    public static long copy(Connection c, int bits) throws SQLException {
        long rows = 0;
        long t0 = System.nanoTime();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ht_buckets (b, data) VALUES (?, ?)");
                PreparedStatement select = c.prepareStatement("SELECT kh, k, v FROM ht_state ORDER BY kh");
                ResultSet rs = select.executeQuery()) {
            int current = -1;
            List<byte[]> kh = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            int pending = 0;
            while (true) {
                boolean more = rs.next();
                byte[] h = more ? rs.getBytes(1) : null;
                int bucket = more ? Bits.prefix(h, bits) : -1;
                if (bucket != current && current >= 0) {
                    byte[] data = BucketCodec.encode(new Bucket(
                            kh.toArray(new byte[0][]), keys.toArray(new byte[0][]), values.toArray(new byte[0][])));
                    insert.setInt(1, current);
                    insert.setBinaryStream(2, new ByteArrayInputStream(data), data.length);
                    insert.addBatch();
                    if (++pending == 10_000) {
                        insert.executeBatch();
                        pending = 0;
                    }
                    kh.clear();
                    keys.clear();
                    values.clear();
                }
                if (!more) {
                    break;
                }
                current = bucket;
                kh.add(h);
                keys.add(KeyCodec.decode(rs.getBytes(2)));
                values.add(rs.getBytes(3));
                if (++rows % 1_000_000 == 0) {
                    System.out.printf("%,d rows in buckets, %d s%n", rows, (System.nanoTime() - t0) / 1_000_000_000L);
                }
            }
            insert.executeBatch();
        }
        return rows;
    }
}

package org.hypertensor.store.internal.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.hypertensor.store.internal.paged.StateLayout;

/**
 * Benchmark tool (not a test): rewrites a schema-2 database's {@code ht_state} (values as BLOBs, made before the state
 * tables got {@link Schema#STATE_PAGE_BYTES} pages) into the table a new database makes with {@code state.values}
 * {@code blob} (the same rows on 4 KB pages), {@code inline} (schema 3) or {@code bucket} (schema 4: one row per
 * bucket, and the key table built after its rows, by one sort), rows copied in their stored order, so one large
 * benchmark database can be measured in each layout without loading it again. Usage: RepageState STORE_DIR
 * blob|inline|bucket (the store's directory, which holds {@code db}); no node may have it open. One transaction: a
 * failure leaves the database as it was.
 */
public final class RepageState {
    private RepageState() {}

    public static void main(String[] args) throws SQLException {
        Path dir = Path.of(args[0]).toAbsolutePath();
        StateLayout layout = StoreOptions.parseValues(args[1]);
        long t0 = System.nanoTime();
        try (Connection c = Derby.connect(dir, "")) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT num FROM ht_meta WHERE name = 'schema'")) {
                    if (!rs.next() || rs.getLong(1) != Schema.BLOB_VERSION) {
                        throw new IllegalStateException("not a schema " + Schema.BLOB_VERSION + " database");
                    }
                }
                if (layout == StateLayout.BUCKET) {
                    toBuckets(c, s, t0);
                    return;
                }
                String table = layout == StateLayout.INLINE ? Schema.STATE : Schema.STATE_BLOB;
                Schema.createWithStatePages(s, table.replace("ht_state", "ht_state_new"));
                long rows = 0;
                try (PreparedStatement insert = c.prepareStatement(
                                layout == StateLayout.INLINE
                                        ? "INSERT INTO ht_state_new (kh, k, v, vb) VALUES (?, ?, ?, ?)"
                                        : "INSERT INTO ht_state_new (kh, k, v) VALUES (?, ?, ?)");
                        ResultSet rs = c.createStatement().executeQuery("SELECT kh, k, v FROM ht_state")) {
                    while (rs.next()) {
                        insert.setBytes(1, rs.getBytes(1));
                        insert.setBytes(2, rs.getBytes(2));
                        layout.bind(insert, 3, rs.getBytes(3));
                        insert.addBatch();
                        if (++rows % 100_000 == 0) {
                            insert.executeBatch();
                            System.out.printf(
                                    "%,d rows copied, %d s%n", rows, (System.nanoTime() - t0) / 1_000_000_000L);
                        }
                    }
                    insert.executeBatch();
                }
                s.execute("DROP TABLE ht_state");
                s.execute("RENAME TABLE ht_state_new TO ht_state");
                if (layout == StateLayout.INLINE) {
                    s.execute(Schema.STATE_ONE_VALUE);
                    Schema.createWithStatePages(s, Schema.STATE_COVER);
                    s.execute("UPDATE ht_meta SET num = " + Schema.INLINE_VERSION + " WHERE name = 'schema'");
                }
                c.commit();
                System.out.printf("%,d rows copied in %d s%n", rows, (System.nanoTime() - t0) / 1_000_000_000L);
            }
        } finally {
            Derby.shutdown(dir);
        }
    }

    private static void toBuckets(Connection c, Statement s, long t0) throws SQLException {
        int bits;
        try (ResultSet rs = s.executeQuery("SELECT num FROM ht_meta WHERE name = 'bucket_bits'")) {
            rs.next();
            bits = rs.getInt(1);
        }
        Schema.createWithStatePages(s, Schema.BUCKETS);
        long rows = org.hypertensor.store.internal.paged.BucketRows.copy(c, bits);
        Schema.createWithStatePages(s, "CREATE TABLE ht_keys (k VARCHAR(512) FOR BIT DATA NOT NULL)");
        s.execute("INSERT INTO ht_keys SELECT k FROM ht_state");
        System.out.printf("%,d keys copied, %d s%n", rows, (System.nanoTime() - t0) / 1_000_000_000L);
        Schema.createWithStatePages(s, "ALTER TABLE ht_keys ADD PRIMARY KEY (k)");
        s.execute("DROP TABLE ht_state");
        s.execute("UPDATE ht_meta SET num = " + Schema.BUCKET_VERSION + " WHERE name = 'schema'");
        c.commit();
        System.out.printf("%,d rows as buckets in %d s%n", rows, (System.nanoTime() - t0) / 1_000_000_000L);
    }
}

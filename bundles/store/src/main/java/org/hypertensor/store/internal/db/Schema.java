package org.hypertensor.store.internal.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.hypertensor.store.internal.paged.RowsBehind;
import org.hypertensor.store.internal.paged.StateLayout;

/**
 * The tables (docs/state.md, "Database"): blocks, the state's rows, per-block undo records, the stored bucket
 * hashes, the transaction index. Lookups use fixed-length 32-byte hashes:
 * Derby compares bit data ignoring trailing 0x20 bytes, so variable-length keys are never compared by the database.
 */
final class Schema {
    /** Schema 2: every value a BLOB ({@link StateLayout#BLOB}); also what stores before schema 3 made. */
    static final long BLOB_VERSION = 2;
    /** Schema 3: short values inline with a covering index ({@link StateLayout#INLINE}). */
    static final long INLINE_VERSION = 3;
    /** Schema 4: one row per bucket and a key table for scans ({@link StateLayout#BUCKET}). */
    static final long BUCKET_VERSION = 4;

    /**
     * Archive mode's history: the value key {@code kh} had before block {@code num} (null: absent), its key
     * nibble-encoded as in {@code ht_state.k}; the second index serves prefix scans of old states.
     */
    private static final String HISTORY = "CREATE TABLE ht_history (kh CHAR(32) FOR BIT DATA NOT NULL,"
            + " num BIGINT NOT NULL, k VARCHAR(512) FOR BIT DATA NOT NULL, v BLOB, PRIMARY KEY (kh, num))";

    /**
     * The head's state rows (docs/state.md, "Database"), made with {@link #STATE_PAGE_BYTES} pages: a value in
     * {@code v} if short ({@link StateLayout#INLINE_BYTES}), else in {@code vb}; {@link #STATE_COVER} serves bucket
     * reads from the index alone.
     */
    static final String STATE = "CREATE TABLE ht_state (kh CHAR(32) FOR BIT DATA NOT NULL PRIMARY KEY,"
            + " k VARCHAR(512) FOR BIT DATA NOT NULL UNIQUE, v VARCHAR(" + StateLayout.INLINE_BYTES
            + ") FOR BIT DATA, vb BLOB)";

    /** The head's state rows in schema 2: every value a BLOB. */
    static final String STATE_BLOB = "CREATE TABLE ht_state (kh CHAR(32) FOR BIT DATA NOT NULL PRIMARY KEY,"
            + " k VARCHAR(512) FOR BIT DATA NOT NULL UNIQUE, v BLOB NOT NULL)";

    /** Exactly one value column per row (added after the table: Derby renames no table a check depends on). */
    static final String STATE_ONE_VALUE = "ALTER TABLE ht_state ADD CONSTRAINT ht_state_one_value"
            + " CHECK ((v IS NULL AND vb IS NOT NULL) OR (v IS NOT NULL AND vb IS NULL))";

    /** Schema 4: each non-empty bucket's entries as one row (made with {@link #STATE_PAGE_BYTES} pages). */
    static final String BUCKETS = "CREATE TABLE ht_buckets (b INT NOT NULL PRIMARY KEY, data BLOB NOT NULL)";

    /** Schema 4: the head's keys (nibble-encoded as {@code ht_state.k}), for prefix scans in key order. */
    static final String KEYS = "CREATE TABLE ht_keys (k VARCHAR(512) FOR BIT DATA NOT NULL PRIMARY KEY)";

    static final String STATE_COVER = "CREATE INDEX ht_state_cover ON ht_state (kh, k, v)";

    /**
     * Page size of the state's tables. Derby gives a table with a BLOB column 32 KB pages, so every bucket row read
     * that misses its page cache copies 32 KB (≈ 146 rows, of which a bucket wants one); with 4 KB pages a random
     * bucket read of 10⁶ rows measured 41–54 µs instead of 81–119 µs (docs/benchmarks.md). Values longer than a page
     * go to Derby's overflow pages as before. A database made with 32 KB pages keeps them: the format is the same.
     */
    static final int STATE_PAGE_BYTES = 4096;

    private static final String HISTORY_BY_KEY = "CREATE INDEX ht_history_k ON ht_history (k, num)";
    /** Meta row: the lowest block whose body, transaction list and receipts are kept (blocks.keep). */
    static final String BODIES_FROM = "bodies_from";

    /** Meta rows: name and initial value. */
    private static final String[] CREATE = {
        "CREATE TABLE ht_meta (name VARCHAR(32) NOT NULL PRIMARY KEY, num BIGINT NOT NULL)",
        "CREATE TABLE ht_blocks (num BIGINT NOT NULL PRIMARY KEY, hash CHAR(32) FOR BIT DATA NOT NULL UNIQUE,"
                + " parent VARCHAR(64) FOR BIT DATA NOT NULL, state_root CHAR(32) FOR BIT DATA NOT NULL,"
                + " header BLOB NOT NULL, body BLOB NOT NULL, tx_hashes BLOB NOT NULL, receipts BLOB NOT NULL)",
        "CREATE TABLE ht_changes (num BIGINT NOT NULL PRIMARY KEY, undo BLOB NOT NULL, buckets BLOB NOT NULL,"
                + " size BIGINT NOT NULL, redo BLOB)",
        "CREATE TABLE ht_tree (num BIGINT NOT NULL PRIMARY KEY, data BLOB NOT NULL)",
        "CREATE TABLE ht_txs (tx CHAR(32) FOR BIT DATA NOT NULL PRIMARY KEY, num BIGINT NOT NULL, idx INT NOT NULL)",
        "INSERT INTO ht_meta VALUES ('finalized', -1)",
        "INSERT INTO ht_meta VALUES ('tree', -1)",
        "INSERT INTO ht_meta VALUES ('tx_indexed', -1)",
    };

    private Schema() {}

    /** A meta entry, or 0 when absent (a database made before that entry existed). */
    private static long meta(Connection c, String name) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT num FROM ht_meta WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Creates the tables in a new database (with {@code bucketBits} bits per bucket, in archive mode or not), or
     * checks the schema version and the mode of an existing one (a database's mode is fixed when it is created).
     */
    static StateLayout ensure(Connection c, int bucketBits, boolean archive, StateLayout layout)
            throws SQLException, IllegalStateException {
        DatabaseMetaData meta = c.getMetaData();
        boolean exists;
        try (ResultSet tables = meta.getTables(null, null, "HT_META", null)) {
            exists = tables.next();
        }
        if (!exists) {
            try (Statement s = c.createStatement()) {
                for (String sql : CREATE) {
                    s.execute(sql);
                }
                switch (layout) {
                    case INLINE -> {
                        createWithStatePages(s, STATE);
                        s.execute(STATE_ONE_VALUE);
                        createWithStatePages(s, STATE_COVER);
                    }
                    case BUCKET -> {
                        createWithStatePages(s, BUCKETS);
                        createWithStatePages(s, KEYS);
                    }
                    case BLOB -> createWithStatePages(s, STATE_BLOB);
                }
                s.execute("INSERT INTO ht_meta VALUES ('schema', " + version(layout) + ")");
                createWithStatePages(s, HISTORY);
                s.execute(HISTORY_BY_KEY);
                s.execute("INSERT INTO ht_meta VALUES ('bucket_bits', " + bucketBits + ")");
                s.execute("INSERT INTO ht_meta VALUES ('archive', " + (archive ? 1 : 0) + ")");
                s.execute("INSERT INTO ht_meta VALUES ('history_rows', 0)");
            }
            addMeta(c, BODIES_FROM, 0);
            addMeta(c, RowsBehind.WRITTEN, -1);
            c.commit();
            return layout;
        }
        long version;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT num FROM ht_meta WHERE name = 'schema'")) {
            version = rs.next() ? rs.getLong(1) : -1;
            if (version < BLOB_VERSION || version > BUCKET_VERSION) {
                throw new IllegalStateException("database schema version " + version + ", this store reads "
                        + BLOB_VERSION + " to " + BUCKET_VERSION
                        + (version == 1 ? " (version 1 kept the whole state in memory: re-sync or re-create it)" : ""));
            }
        }
        boolean wasArchive = meta(c, "archive") == 1;
        if (wasArchive != archive) {
            throw new IllegalStateException(
                    wasArchive
                            ? "the database keeps every state (archive mode): set pruning = archive in "
                                    + "org.hypertensor.store to open it"
                            : "the database is pruned (older states' history was not kept, so it cannot become an archive):"
                                    + " set pruning to a number in org.hypertensor.store, or sync a new directory with"
                                    + " pruning = archive");
        }
        boolean hasHistory;
        try (ResultSet tables = meta.getTables(null, null, "HT_HISTORY", null)) {
            hasHistory = tables.next();
        }
        if (!hasHistory) { // a database made before archive mode
            try (Statement s = c.createStatement()) {
                createWithStatePages(s, HISTORY);
                s.execute(HISTORY_BY_KEY);
                s.execute("INSERT INTO ht_meta VALUES ('archive', 0)");
                s.execute("INSERT INTO ht_meta VALUES ('history_rows', 0)");
            }
        }
        addMeta(c, BODIES_FROM, 0);
        addRedo(c, meta);
        c.commit();
        return version == BLOB_VERSION
                ? StateLayout.BLOB
                : version == INLINE_VERSION ? StateLayout.INLINE : StateLayout.BUCKET;
    }

    /** The schema version of a layout. */
    static long version(StateLayout layout) {
        return switch (layout) {
            case BLOB -> BLOB_VERSION;
            case INLINE -> INLINE_VERSION;
            case BUCKET -> BUCKET_VERSION;
        };
    }

    /** Creates a table with {@link #STATE_PAGE_BYTES} pages (Derby takes the page size from a database property). */
    static void createWithStatePages(Statement s, String sql) throws SQLException {
        s.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', '" + STATE_PAGE_BYTES + "')");
        try {
            s.execute(sql);
        } finally {
            s.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.storage.pageSize', NULL)");
        }
    }

    /**
     * A database made before the rows were written behind the commits: its changes get a redo column, and every
     * block's rows are written (they were written in its commit).
     */
    private static void addRedo(Connection c, DatabaseMetaData meta) throws SQLException {
        try (ResultSet columns = meta.getColumns(null, null, "HT_CHANGES", "REDO")) {
            if (columns.next()) {
                return;
            }
        }
        long head;
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE ht_changes ADD COLUMN redo BLOB");
            try (ResultSet rs = s.executeQuery("SELECT MAX(num) FROM ht_blocks")) {
                rs.next();
                long max = rs.getLong(1);
                head = rs.wasNull() ? -1 : max;
            }
        }
        addMeta(c, RowsBehind.WRITTEN, head);
    }

    /**
     * Adds a meta row a newer store reads unless the database has it: rows added this way need no schema version,
     * since a database without them means what their initial value says (no body pruned yet).
     */
    private static void addMeta(Connection c, String name, long initial) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT num FROM ht_meta WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ht_meta VALUES (?, ?)")) {
            insert.setString(1, name);
            insert.setLong(2, initial);
            insert.executeUpdate();
        }
    }
}

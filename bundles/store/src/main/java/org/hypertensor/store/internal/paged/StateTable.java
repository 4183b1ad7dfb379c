package org.hypertensor.store.internal.paged;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.hypertensor.store.internal.state.Blake2b;

/**
 * The state's rows: {@code ht_buckets (b INT PK, data BLOB)} and {@code ht_keys (k)} in the bucket layout, or
 * {@code ht_state (kh CHAR(32) PK, k VARCHAR(512) UNIQUE (encoded key), value columns as the {@link StateLayout}
 * says)} in the per-key ones, hold the head's entries; in archive mode {@code ht_history (kh, num, k, v)} the value
 * each key had before each block that changed it. The rows of committed blocks are written behind their commits
 * ({@link RowsBehind}): a bucket read finds a bucket whose row is not written yet pinned there, and a scan adds the
 * changes not written yet. Bucket reads go through connections of their own, lent to one read at a time; scans and
 * history reads through one more, one at a time. Writes go as JDBC batches (one round of index updates per statement
 * kind instead of one per row); a commit's and an import's run {@link #exclusively}, the rows written behind
 * {@link #writingRows}: no read that could hold a row lock they need is inside a query meanwhile.
 */
public final class StateTable {
    private final Connection reader;
    private final boolean archive;
    private final StateLayout layout;
    /** Key-hash bits per bucket (the bucket layout's scans group keys by bucket). */
    private final int bucketBits;
    /** Readers of buckets not lent out: each cache miss borrows one, so misses on two threads run at once. */
    private final BlockingQueue<BucketReader> bucketReaders;
    /** Held shared by every read, exclusively by a commit's or an import's write ({@link #exclusively}). */
    private final ReentrantReadWriteLock rows = new ReentrantReadWriteLock();
    /**
     * Held shared by scans and history reads, exclusively by each transaction of the rows written behind. A scan
     * positioned on a key row the writer deletes while waiting for a row the writer inserted is a lock cycle; a
     * bucket read, one row or one bucket's range, holds no lock while it waits, so it goes on during those writes.
     */
    private final ReentrantReadWriteLock scans = new ReentrantReadWriteLock();

    private final RowsBehind behind;

    /**
     * {@code reader} serves scans and history reads (one at a time); each of {@code bucketConnections} serves one
     * bucket read at a time; {@code rowWriter} (not auto-commit) writes the rows behind the commits. The caller owns
     * the connections and closes them {@link #exclusively}, after {@link RowsBehind#close}.
     */
    public StateTable(
            String name,
            Connection reader,
            List<Connection> bucketConnections,
            Connection rowWriter,
            boolean archive,
            StateLayout layout,
            int bucketBits) {
        this.behind = new RowsBehind(name, rowWriter, this);
        this.reader = reader;
        this.bucketBits = bucketBits;
        this.archive = archive;
        this.layout = layout;
        this.bucketReaders = new ArrayBlockingQueue<>(bucketConnections.size());
        for (Connection c : bucketConnections) {
            bucketReaders.add(new BucketReader(c, layout));
        }
    }

    /** Work on the rows: a write from its first row to its commit or rollback, or a read. */
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs {@code write} with no read inside a query. A read positioned on a row the write changes while waiting
     * for another row the write already locked would be a lock cycle, which Derby breaks only after
     * {@code derby.locks.deadlockTimeout} (20 s) by failing the read or the write (a block's commit).
     */
    public <E extends Exception> void exclusively(Action<E> write) throws E {
        rows.writeLock().lock();
        try {
            write.run();
        } finally {
            rows.writeLock().unlock();
        }
    }

    /**
     * Runs a transaction of the rows written behind: no scan is inside a query meanwhile, and in the per-key
     * layouts, whose bucket reads are range scans, no bucket read either.
     */
    <E extends Exception> void writingRows(Action<E> write) throws E {
        boolean ranges = layout != StateLayout.BUCKET;
        if (ranges) {
            rows.writeLock().lock();
        }
        scans.writeLock().lock();
        try {
            write.run();
        } finally {
            scans.writeLock().unlock();
            if (ranges) {
                rows.writeLock().unlock();
            }
        }
    }

    /** The rows written behind the commits. */
    public RowsBehind behind() {
        return behind;
    }

    /** Runs a read on the scan connection: one at a time, never during a write. */
    private void read(Action<SQLException> read) throws SQLException {
        rows.readLock().lock();
        scans.readLock().lock();
        try {
            synchronized (this) {
                read.run();
            }
        } finally {
            scans.readLock().unlock();
            rows.readLock().unlock();
        }
    }

    /** How the rows hold values. */
    public StateLayout layout() {
        return layout;
    }

    /** Whether commits write history rows (every state readable). */
    public boolean archive() {
        return archive;
    }

    /** The condition selecting one bucket's key hashes (the last bucket has no upper bound). */
    private static String bucketRange(int bucket, int bits) {
        return bucketRange(bucket + 1 == (1 << bits));
    }

    static String bucketRange(boolean last) {
        return last ? "kh >= ?" : "kh >= ? AND kh < ?";
    }

    /** Binds {@link #bucketRange}'s parameters; returns the index of the next one. */
    static int bindBucket(PreparedStatement ps, int bucket, int bits) throws SQLException {
        ps.setBytes(1, Bits.bucketStart(bucket, bits));
        if (bucket + 1 == (1 << bits)) {
            return 2;
        }
        ps.setBytes(2, Bits.bucketStart(bucket + 1, bits));
        return 3;
    }

    /** The condition selecting the (encoded) keys starting with {@code prefix}, with AND after it if any. */
    private static String prefixRange(byte[] prefix) {
        return prefix.length == 0 ? "" : "k >= ? AND k < ? AND ";
    }

    /** Binds {@link #prefixRange}'s parameters; returns the index of the next one. */
    private static int bindPrefix(PreparedStatement ps, byte[] prefix) throws SQLException {
        if (prefix.length == 0) {
            return 1;
        }
        ps.setBytes(1, KeyCodec.encode(prefix));
        ps.setBytes(2, KeyCodec.upperBound(prefix));
        return 3;
    }

    /**
     * One bucket at the head or newer (see the journal): pinned if its row is not written yet, else its row, sorted
     * by key hash.
     */
    Bucket load(int bucket, int bits) throws SQLException {
        Bucket pinned = behind.pinned(bucket);
        if (pinned != null) {
            return pinned;
        }
        rows.readLock().lock();
        try {
            BucketReader r = borrow();
            try {
                return r.load(bucket, bits);
            } finally {
                bucketReaders.add(r);
            }
        } finally {
            rows.readLock().unlock();
        }
    }

    private BucketReader borrow() throws SQLException {
        try {
            return bucketReaders.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a state connection", e);
        }
    }

    /** Every row in key-hash order. */
    private static String allRowsSql(StateLayout layout) {
        return "SELECT kh, k, " + layout.valueColumns() + " FROM ht_state ORDER BY kh";
    }

    /** Receives a (key, value) pair of a scan. */
    interface EntrySink {
        void accept(byte[] key, byte[] value);
    }

    /** Keys of a bucket-layout scan read before their buckets are (each bucket once per group). */
    private static final int SCAN_GROUP = 4096;

    /**
     * The entries whose key starts with {@code prefix}, at the head or newer (see the journal), in no set order: the
     * rows', then the changes written behind.
     */
    void scan(byte[] prefix, EntrySink sink) throws SQLException {
        read(() -> {
            TreeMap<byte[], byte[]> pending = behind.changes(prefix);
            EntrySink rowSink = pending.isEmpty()
                    ? sink
                    : (k, v) -> {
                        if (!pending.containsKey(k)) {
                            sink.accept(k, v);
                        }
                    };
            scanRows(prefix, rowSink);
            for (Map.Entry<byte[], byte[]> e : pending.entrySet()) {
                if (e.getValue() != null) {
                    sink.accept(e.getKey(), e.getValue());
                }
            }
        });
    }

    /** The rows' entries whose key starts with {@code prefix}. */
    private void scanRows(byte[] prefix, EntrySink sink) throws SQLException {
        if (layout == StateLayout.BUCKET) {
            scanBuckets(prefix, sink);
            return;
        }
        try (PreparedStatement ps = reader.prepareStatement("SELECT k, " + layout.valueColumns() + " FROM ht_state"
                + (prefix.length == 0 ? "" : " WHERE k >= ? AND k < ?") + " ORDER BY k")) {
            bindPrefix(ps, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(KeyCodec.decode(rs.getBytes(1)), layout.read(rs, 2));
                }
            }
        }
    }

    /** The bucket layout's scan: the keys from {@code ht_keys}, their values from their buckets' rows. */
    private void scanBuckets(byte[] prefix, EntrySink sink) throws SQLException {
        try (PreparedStatement ps = reader.prepareStatement(
                "SELECT k FROM ht_keys" + (prefix.length == 0 ? "" : " WHERE k >= ? AND k < ?"))) {
            bindPrefix(ps, prefix);
            TreeMap<Integer, List<byte[]>> group = new TreeMap<>();
            int keys = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byte[] key = KeyCodec.decode(rs.getBytes(1));
                    byte[] kh = Blake2b.hash(key);
                    group.computeIfAbsent(Bits.prefix(kh, bucketBits), b -> new ArrayList<>())
                            .add(kh);
                    if (++keys == SCAN_GROUP) {
                        emit(group, sink);
                        keys = 0;
                    }
                }
            }
            emit(group, sink);
        }
    }

    /** Reads each bucket of the group once and gives its keys' entries to the sink; empties the group. */
    private void emit(TreeMap<Integer, List<byte[]>> group, EntrySink sink) throws SQLException {
        if (group.isEmpty()) {
            return;
        }
        BucketReader r = borrow();
        try {
            for (Map.Entry<Integer, List<byte[]>> e : group.entrySet()) {
                Bucket b = r.load(e.getKey(), bucketBits);
                for (byte[] kh : e.getValue()) {
                    int i = b.indexOf(kh);
                    if (i < 0) {
                        throw new IllegalStateException("a key of the state's key table is not in its bucket "
                                + e.getKey() + " (database corrupt)");
                    }
                    sink.accept(b.keys[i], b.values[i]);
                }
            }
        } finally {
            bucketReaders.add(r);
        }
        group.clear();
    }

    /** One changed row: its key hash, key, whether it existed before and its new value (null: deleted). */
    record RowChange(byte[] keyHash, byte[] key, boolean existed, byte[] value) {}

    private static String insertSql(StateLayout layout) {
        return "INSERT INTO ht_state (kh, k, " + layout.valueColumns() + ") VALUES (?, ?, " + layout.valueParameters()
                + ")";
    }

    /**
     * Rows per JDBC batch: Derby holds a batch's parameters in the heap until it runs (≈ 300 bytes a row, measured
     * in a genesis of 10⁶ accounts), so a block of millions of changed keys runs its batches in pieces.
     */
    public static final int BATCH_ROWS = 10_000;

    /** One statement's JDBC batch: run whenever it holds {@link #BATCH_ROWS} rows, and by {@link #finish}. */
    static final class Batch implements AutoCloseable {
        final PreparedStatement ps;
        private int pending;

        Batch(Connection c, String sql) throws SQLException {
            ps = c.prepareStatement(sql);
        }

        /** Adds the parameters set on {@link #ps} to the batch. */
        void add() throws SQLException {
            ps.addBatch();
            if (++pending == BATCH_ROWS) {
                ps.executeBatch();
                pending = 0;
            }
        }

        /** Runs the rows still pending. */
        void finish() throws SQLException {
            if (pending > 0) {
                ps.executeBatch();
                pending = 0;
            }
        }

        @Override
        public void close() throws SQLException {
            ps.close();
        }
    }

    /** Writes changes in the caller's transaction, batched per statement kind (each key changes once). */
    static void write(Connection c, StateLayout layout, List<RowChange> changes) throws SQLException {
        try (Batch insert = new Batch(c, insertSql(layout));
                Batch update = new Batch(c, "UPDATE ht_state SET " + layout.valueAssignments() + " WHERE kh = ?");
                Batch delete = new Batch(c, "DELETE FROM ht_state WHERE kh = ?")) {
            for (RowChange ch : changes) {
                if (ch.value() == null) {
                    delete.ps.setBytes(1, ch.keyHash());
                    delete.add();
                } else if (ch.existed()) {
                    update.ps.setBytes(layout.bind(update.ps, 1, ch.value()), ch.keyHash());
                    update.add();
                } else {
                    insert.ps.setBytes(1, ch.keyHash());
                    insert.ps.setBytes(2, KeyCodec.encode(ch.key()));
                    layout.bind(insert.ps, 3, ch.value());
                    insert.add();
                }
            }
            delete.finish();
            update.finish();
            insert.finish();
        }
    }

    /**
     * Writes a block's changed buckets (some of them: one transaction of the rows written behind) in the caller's
     * transaction. In the bucket layout each bucket's row is written whole from its content (updated, inserted if it
     * did not exist, deleted if it is empty now), and the added and removed keys go to {@code ht_keys}; in the per-key
     * layouts each changed key's row is written.
     */
    static void writeRows(Connection c, StateLayout layout, List<RowsBehind.BucketWrite> writes) throws SQLException {
        if (layout != StateLayout.BUCKET) {
            List<RowChange> changes = new ArrayList<>();
            for (RowsBehind.BucketWrite w : writes) {
                changes.addAll(w.changes());
            }
            write(c, layout, changes);
            return;
        }
        try (Batch insert = new Batch(c, INSERT_BUCKET);
                Batch update = new Batch(c, UPDATE_BUCKET);
                Batch delete = new Batch(c, DELETE_BUCKET);
                Batch addKey = new Batch(c, "INSERT INTO ht_keys (k) VALUES (?)");
                Batch removeKey = new Batch(c, "DELETE FROM ht_keys WHERE k = ?")) {
            BucketRows rows = new BucketRows(insert, update, delete);
            for (RowsBehind.BucketWrite w : writes) {
                rows.write(w.bucket(), w.content(), w.rowExists());
                for (RowChange ch : w.changes()) {
                    if (ch.value() == null || !ch.existed()) { // a key removed or added
                        Batch keys = ch.value() == null ? removeKey : addKey;
                        keys.ps.setBytes(1, KeyCodec.encode(ch.key()));
                        keys.add();
                    }
                }
            }
            rows.finish();
            removeKey.finish();
            addKey.finish();
        }
    }

    static final String SELECT_BUCKET = "SELECT data FROM ht_buckets WHERE b = ?";
    static final String INSERT_BUCKET = "INSERT INTO ht_buckets (b, data) VALUES (?, ?)";
    static final String UPDATE_BUCKET = "UPDATE ht_buckets SET data = ? WHERE b = ?";
    static final String DELETE_BUCKET = "DELETE FROM ht_buckets WHERE b = ?";

    /** Batched writes of whole {@code ht_buckets} rows (a commit's, an import's); the caller closes the batches. */
    record BucketRows(Batch insert, Batch update, Batch delete) {
        /** Bucket {@code b}'s row as {@code content}: deleted if empty, else updated if it {@code exists}, else inserted. */
        void write(int b, Bucket content, boolean exists) throws SQLException {
            if (content.size() == 0) {
                delete.ps.setInt(1, b);
                delete.add();
            } else if (exists) {
                setBlob(update.ps, 1, BucketCodec.encode(content));
                update.ps.setInt(2, b);
                update.add();
            } else {
                insert.ps.setInt(1, b);
                setBlob(insert.ps, 2, BucketCodec.encode(content));
                insert.add();
            }
        }

        /** Runs the rows still pending: deletes, updates, inserts. */
        void finish() throws SQLException {
            delete.finish();
            update.finish();
            insert.finish();
        }
    }

    /**
     * Archive mode: the history rows of one block (the values its changed keys had before it, null for absent), in
     * the caller's transaction, and their count in {@code ht_meta}.
     */
    static void writeHistory(Connection c, long number, Map<byte[], Bucket.Change> before) throws SQLException {
        try (PreparedStatement insert =
                        c.prepareStatement("INSERT INTO ht_history (kh, num, k, v) VALUES (?, ?, ?, ?)");
                PreparedStatement count =
                        c.prepareStatement("UPDATE ht_meta SET num = num + ? WHERE name = 'history_rows'")) {
            for (Map.Entry<byte[], Bucket.Change> e : before.entrySet()) {
                insert.setBytes(1, e.getKey());
                insert.setLong(2, number);
                insert.setBytes(3, KeyCodec.encode(e.getValue().key()));
                if (e.getValue().value() == null) {
                    insert.setNull(4, java.sql.Types.BLOB);
                } else {
                    setBlob(insert, 4, e.getValue().value());
                }
                insert.addBatch();
            }
            if (!before.isEmpty()) {
                insert.executeBatch();
                count.setLong(1, before.size());
                count.executeUpdate();
            }
        }
    }

    /**
     * The keys of one bucket that changed after block {@code number}, each with its value after that block (null:
     * absent): the first history row after it. One range scan of the history's primary key.
     */
    SortedMap<byte[], Bucket.Change> historyAt(int bucket, int bits, long number) throws SQLException {
        TreeMap<byte[], Bucket.Change> out = new TreeMap<>(Bits.UNSIGNED);
        read(() -> {
            try (PreparedStatement ps = reader.prepareStatement("SELECT kh, k, v FROM ht_history WHERE "
                    + bucketRange(bucket, bits) + " AND num > ? ORDER BY kh, num")) {
                ps.setLong(bindBucket(ps, bucket, bits), number);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        byte[] kh = rs.getBytes(1);
                        if (!out.containsKey(kh)) {
                            out.put(kh, new Bucket.Change(KeyCodec.decode(rs.getBytes(2)), rs.getBytes(3)));
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * The keys starting with {@code prefix} that changed after block {@code number}, each with its value after that
     * block (null: absent), in key order. One range scan of the history's key index.
     */
    void historyScan(byte[] prefix, long number, EntrySink sink) throws SQLException {
        read(() -> {
            try (PreparedStatement ps = reader.prepareStatement(
                    "SELECT k, v FROM ht_history WHERE " + prefixRange(prefix) + "num > ? ORDER BY k, num")) {
                ps.setLong(bindPrefix(ps, prefix), number);
                try (ResultSet rs = ps.executeQuery()) {
                    byte[] previous = null;
                    while (rs.next()) {
                        byte[] k = rs.getBytes(1);
                        if (!Arrays.equals(k, previous)) {
                            sink.accept(KeyCodec.decode(k), rs.getBytes(2));
                            previous = k;
                        }
                    }
                }
            }
        });
    }

    /** The bucket hashes after block {@code number} that differ from a newer tree, and the state's size then. */
    record PastBuckets(long size, NavigableMap<Integer, byte[]> hashes) {}

    /**
     * From the undo records of the blocks after {@code number} (ascending: the first before-hash of each bucket is
     * its hash after {@code number}); null when block {@code number}'s record is not kept.
     */
    PastBuckets bucketsAt(long number, int bits) throws SQLException {
        TreeMap<Integer, byte[]> hashes = new TreeMap<>();
        long[] size = {-1};
        read(() -> {
            try (PreparedStatement ps =
                    reader.prepareStatement("SELECT num, buckets, size FROM ht_changes WHERE num >= ? ORDER BY num")) {
                ps.setLong(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    long expected = number;
                    while (rs.next()) {
                        long num = rs.getLong(1);
                        if (num != expected) {
                            throw new IllegalArgumentException(
                                    "the state changes of block #" + expected + " are missing");
                        }
                        expected++;
                        if (num == number) {
                            size[0] = rs.getLong(3);
                            continue;
                        }
                        UndoLayer layer = LayerCodec.decode(num, new byte[0], rs.getBytes(2), 0, bits);
                        for (Map.Entry<Integer, byte[]> e :
                                layer.bucketsBefore().entrySet()) {
                            hashes.putIfAbsent(e.getKey(), e.getValue());
                        }
                    }
                }
            }
        });
        return size[0] < 0 ? null : new PastBuckets(size[0], hashes);
    }

    private static void setBlob(PreparedStatement ps, int index, byte[] data) throws SQLException {
        ps.setBinaryStream(index, new ByteArrayInputStream(data), data.length);
    }

    /**
     * Puts entries whatever was there (an import: the same key may come twice). In the bucket layout
     * {@code written} marks the buckets this import has written (their rows are read and merged, the others
     * inserted without a read), and is updated.
     */
    public static void upsert(
            Connection c, StateLayout layout, int bits, Map<byte[], byte[]> keyToValue, BitSet written)
            throws SQLException {
        if (layout == StateLayout.BUCKET) {
            upsertBuckets(c, bits, keyToValue, written);
            return;
        }
        try (Batch delete = new Batch(c, "DELETE FROM ht_state WHERE kh = ?");
                Batch insert = new Batch(c, insertSql(layout))) {
            for (Map.Entry<byte[], byte[]> e : keyToValue.entrySet()) {
                byte[] kh = Blake2b.hash(e.getKey());
                delete.ps.setBytes(1, kh);
                delete.add(); // added (and run when full) before its insert: a key's delete runs first
                insert.ps.setBytes(1, kh);
                insert.ps.setBytes(2, KeyCodec.encode(e.getKey()));
                layout.bind(insert.ps, 3, e.getValue());
                insert.add();
            }
            delete.finish();
            insert.finish();
        }
    }

    private static void upsertBuckets(Connection c, int bits, Map<byte[], byte[]> keyToValue, BitSet written)
            throws SQLException {
        TreeMap<Integer, TreeMap<byte[], Bucket.Change>> byBucket = new TreeMap<>();
        for (Map.Entry<byte[], byte[]> e : keyToValue.entrySet()) {
            byte[] kh = Blake2b.hash(e.getKey());
            byBucket.computeIfAbsent(Bits.prefix(kh, bits), b -> new TreeMap<>(Bits.UNSIGNED))
                    .put(kh, new Bucket.Change(e.getKey(), e.getValue()));
        }
        try (PreparedStatement select = c.prepareStatement(SELECT_BUCKET);
                Batch insert = new Batch(c, INSERT_BUCKET);
                Batch update = new Batch(c, UPDATE_BUCKET);
                Batch delete = new Batch(c, DELETE_BUCKET);
                Batch key = new Batch(c, "INSERT INTO ht_keys (k) VALUES (?)")) {
            BucketRows rows = new BucketRows(insert, update, delete);
            for (Map.Entry<Integer, TreeMap<byte[], Bucket.Change>> e : byBucket.entrySet()) {
                int b = e.getKey();
                Bucket base = Bucket.EMPTY;
                if (written.get(b)) {
                    select.setInt(1, b);
                    try (ResultSet rs = select.executeQuery()) {
                        if (rs.next()) {
                            base = BucketCodec.decode(b, rs.getBytes(1));
                        }
                    }
                }
                for (Map.Entry<byte[], Bucket.Change> ch : e.getValue().entrySet()) {
                    if (base.indexOf(ch.getKey()) < 0) {
                        key.ps.setBytes(1, KeyCodec.encode(ch.getValue().key()));
                        key.add();
                    }
                }
                rows.write(b, base.with(e.getValue()), written.get(b));
                written.set(b);
            }
            rows.finish();
            key.finish();
        }
    }

    /**
     * The bucket hashes of every row (a full scan in key-hash order, one bucket in memory at a time), to compute
     * the root of an imported state.
     */
    public static byte[] bucketHashes(Connection c, StateLayout layout, int bits) throws SQLException {
        byte[] hashes = new byte[32 << bits];
        eachBucket(c, layout, bits, (b, content) -> System.arraycopy(content.hash(), 0, hashes, b * 32, 32));
        return hashes;
    }

    /** Receives a non-empty bucket of a full scan. */
    interface BucketSink {
        void accept(int bucket, Bucket content) throws SQLException;
    }

    /** Every non-empty bucket of the head's rows, in bucket order, one in memory at a time. */
    static void eachBucket(Connection c, StateLayout layout, int bits, BucketSink sink) throws SQLException {
        if (layout == StateLayout.BUCKET) {
            try (PreparedStatement ps = c.prepareStatement("SELECT b, data FROM ht_buckets ORDER BY b");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int b = rs.getInt(1);
                    sink.accept(b, BucketCodec.decode(b, rs.getBytes(2)));
                }
            }
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(allRowsSql(layout));
                ResultSet rs = ps.executeQuery()) {
            int current = -1;
            List<byte[]> kh = new ArrayList<>();
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            while (true) {
                boolean more = rs.next();
                byte[] h = more ? rs.getBytes(1) : null;
                int bucket = more ? Bits.prefix(h, bits) : -1;
                if (bucket != current && current >= 0) {
                    sink.accept(
                            current,
                            new Bucket(
                                    kh.toArray(new byte[0][]),
                                    keys.toArray(new byte[0][]),
                                    values.toArray(new byte[0][])));
                    kh.clear();
                    keys.clear();
                    values.clear();
                }
                if (!more) {
                    return;
                }
                current = bucket;
                kh.add(h);
                keys.add(KeyCodec.decode(rs.getBytes(2)));
                values.add(layout.read(rs, 3));
            }
        }
    }

    /** The root of the given bucket hashes. */
    public static byte[] root(int bits, byte[] bucketHashes) {
        return BucketTree.fromBuckets(bits, bucketHashes).root();
    }

    /** The number of keys of the head's rows. */
    public static long count(Connection c, StateLayout layout) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM " + (layout == StateLayout.BUCKET ? "ht_keys" : "ht_state"));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes every state row (in the caller's transaction). */
    public static void clear(Connection c, StateLayout layout) throws SQLException {
        for (String table :
                layout == StateLayout.BUCKET ? new String[] {"ht_buckets", "ht_keys"} : new String[] {"ht_state"}) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table)) {
                ps.executeUpdate();
            }
        }
    }

    /** Archive mode's history rows (the count kept in {@code ht_meta}, not a scan). */
    public static long historyRows(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT num FROM ht_meta WHERE name = 'history_rows'");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Bytes allocated to the history table and its indexes (Derby's space table: no row is read). */
    public static long historyBytes(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT SUM(t.numallocatedpages * t.pagesize)"
                        + " FROM TABLE (SYSCS_DIAG.SPACE_TABLE('HT_HISTORY')) t");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}

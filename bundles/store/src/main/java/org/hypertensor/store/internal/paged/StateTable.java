package org.hypertensor.store.internal.paged;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertensor.store.internal.state.Blake2b;

/**
 * The state's rows: {@code ht_state (kh CHAR(32) PK, k VARCHAR(512) UNIQUE (encoded key), v BLOB)} hold the head's
 * entries. Reads go through one connection (serialized); writes through the caller's connection and transaction,
 * as JDBC batches (one round of index updates per statement kind instead of one per row).
 */
public final class StateTable {
    private final Connection reader;

    public StateTable(Connection reader) {
        this.reader = reader;
    }

    /** The head's rows of one bucket, sorted by key hash (may mix two heads if a commit lands: see the journal). */
    Bucket load(int bucket, int bits) throws SQLException {
        boolean last = bucket + 1 == (1 << bits);
        List<byte[]> hashes = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        synchronized (this) {
            try (PreparedStatement ps = reader.prepareStatement(
                    last
                            ? "SELECT kh, k, v FROM ht_state WHERE kh >= ? ORDER BY kh"
                            : "SELECT kh, k, v FROM ht_state WHERE kh >= ? AND kh < ? ORDER BY kh")) {
                ps.setBytes(1, Bits.bucketStart(bucket, bits));
                if (!last) {
                    ps.setBytes(2, Bits.bucketStart(bucket + 1, bits));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hashes.add(rs.getBytes(1));
                        keys.add(KeyCodec.decode(rs.getBytes(2)));
                        values.add(rs.getBytes(3));
                    }
                }
            }
        }
        return new Bucket(hashes.toArray(new byte[0][]), keys.toArray(new byte[0][]), values.toArray(new byte[0][]));
    }

    /** Receives a (key, value) pair of a scan. */
    interface EntrySink {
        void accept(byte[] key, byte[] value);
    }

    /** The head's entries whose key starts with {@code prefix}, in unsigned key order. */
    void scan(byte[] prefix, EntrySink sink) throws SQLException {
        synchronized (this) {
            try (PreparedStatement ps = reader.prepareStatement(
                    prefix.length == 0
                            ? "SELECT k, v FROM ht_state ORDER BY k"
                            : "SELECT k, v FROM ht_state WHERE k >= ? AND k < ? ORDER BY k")) {
                if (prefix.length > 0) {
                    ps.setBytes(1, KeyCodec.encode(prefix));
                    ps.setBytes(2, KeyCodec.upperBound(prefix));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(KeyCodec.decode(rs.getBytes(1)), rs.getBytes(2));
                    }
                }
            }
        }
    }

    /** One changed row: its key hash, key, whether it existed before and its new value (null: deleted). */
    record RowChange(byte[] keyHash, byte[] key, boolean existed, byte[] value) {}

    /** Writes changes in the caller's transaction, batched per statement kind. */
    static void write(Connection c, List<RowChange> changes) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ht_state (kh, k, v) VALUES (?, ?, ?)");
                PreparedStatement update = c.prepareStatement("UPDATE ht_state SET v = ? WHERE kh = ?");
                PreparedStatement delete = c.prepareStatement("DELETE FROM ht_state WHERE kh = ?")) {
            int inserts = 0;
            int updates = 0;
            int deletes = 0;
            for (RowChange ch : changes) {
                if (ch.value() == null) {
                    delete.setBytes(1, ch.keyHash());
                    delete.addBatch();
                    deletes++;
                } else if (ch.existed()) {
                    setBlob(update, 1, ch.value());
                    update.setBytes(2, ch.keyHash());
                    update.addBatch();
                    updates++;
                } else {
                    insert.setBytes(1, ch.keyHash());
                    insert.setBytes(2, KeyCodec.encode(ch.key()));
                    setBlob(insert, 3, ch.value());
                    insert.addBatch();
                    inserts++;
                }
            }
            if (deletes > 0) {
                delete.executeBatch();
            }
            if (updates > 0) {
                update.executeBatch();
            }
            if (inserts > 0) {
                insert.executeBatch();
            }
        }
    }

    private static void setBlob(PreparedStatement ps, int index, byte[] data) throws SQLException {
        ps.setBinaryStream(index, new ByteArrayInputStream(data), data.length);
    }

    /** Puts entries whatever was there (an import: the same key may come twice). */
    public static void upsert(Connection c, Map<byte[], byte[]> keyToValue) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM ht_state WHERE kh = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO ht_state (kh, k, v) VALUES (?, ?, ?)")) {
            for (Map.Entry<byte[], byte[]> e : keyToValue.entrySet()) {
                byte[] kh = Blake2b.hash(e.getKey());
                delete.setBytes(1, kh);
                delete.addBatch();
                insert.setBytes(1, kh);
                insert.setBytes(2, KeyCodec.encode(e.getKey()));
                setBlob(insert, 3, e.getValue());
                insert.addBatch();
            }
            delete.executeBatch();
            insert.executeBatch();
        }
    }

    /**
     * The bucket hashes of every row (a full scan in key-hash order, one bucket in memory at a time), to compute
     * the root of an imported state.
     */
    public static byte[] bucketHashes(Connection c, int bits) throws SQLException {
        byte[] hashes = new byte[32 << bits];
        try (PreparedStatement ps = c.prepareStatement("SELECT kh, k, v FROM ht_state ORDER BY kh");
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
                    byte[] hash = new Bucket(
                                    kh.toArray(new byte[0][]),
                                    keys.toArray(new byte[0][]),
                                    values.toArray(new byte[0][]))
                            .hash();
                    System.arraycopy(hash, 0, hashes, current * 32, 32);
                    kh.clear();
                    keys.clear();
                    values.clear();
                }
                if (!more) {
                    return hashes;
                }
                current = bucket;
                kh.add(h);
                keys.add(KeyCodec.decode(rs.getBytes(2)));
                values.add(rs.getBytes(3));
            }
        }
    }

    /** The root of the given bucket hashes. */
    public static byte[] root(int bits, byte[] bucketHashes) {
        return BucketTree.fromBuckets(bits, bucketHashes).root();
    }

    public static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ht_state");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static void clear(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ht_state")) {
            ps.executeUpdate();
        }
    }
}

package org.hypertensor.store.internal.paged;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads buckets of the head's rows through one connection with its statements prepared once (every cache miss runs
 * them; they close with the connection). Not thread-safe: {@link StateTable} lends it to one reader at a time.
 */
final class BucketReader {
    private final Connection connection;
    private final StateLayout layout;
    /** The bucket query, and the last bucket's (no upper bound; the bucket layout has only the first); prepared at first use. */
    private final PreparedStatement[] bucketQueries = new PreparedStatement[2];
    /** The long value of one row (inline layout), prepared at its first use. */
    private PreparedStatement longValueQuery;

    BucketReader(Connection connection, StateLayout layout) {
        this.connection = connection;
        this.layout = layout;
    }

    /** The head's rows of one bucket, sorted by key hash (may mix two heads if a commit lands: see the journal). */
    Bucket load(int bucket, int bits) throws SQLException {
        if (layout == StateLayout.BUCKET) {
            PreparedStatement ps = bucketQuery(false);
            ps.setInt(1, bucket);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? BucketCodec.decode(bucket, rs.getBytes(1)) : Bucket.EMPTY;
            }
        }
        List<byte[]> hashes = new ArrayList<>();
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        PreparedStatement ps = bucketQuery(bucket + 1 == (1 << bits));
        StateTable.bindBucket(ps, bucket, bits);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hashes.add(rs.getBytes(1));
                keys.add(KeyCodec.decode(rs.getBytes(2)));
                values.add(rs.getBytes(3)); // null: a long value (inline layout), read below
            }
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                values.set(i, longValue(hashes.get(i)));
            }
        }
        return new Bucket(hashes.toArray(new byte[0][]), keys.toArray(new byte[0][]), values.toArray(new byte[0][]));
    }

    private PreparedStatement bucketQuery(boolean last) throws SQLException {
        int i = last ? 1 : 0;
        if (bucketQueries[i] == null) {
            bucketQueries[i] = connection.prepareStatement(
                    layout == StateLayout.BUCKET ? StateTable.SELECT_BUCKET : bucketSql(last));
        }
        return bucketQueries[i];
    }

    /** Selects {@code v} in both layouts: in the inline layout the index holds it, and a null is read from vb. */
    private static String bucketSql(boolean last) {
        return "SELECT kh, k, v FROM ht_state WHERE " + StateTable.bucketRange(last) + " ORDER BY kh";
    }

    /** The {@code vb} of one row. */
    private byte[] longValue(byte[] keyHash) throws SQLException {
        if (longValueQuery == null) {
            longValueQuery = connection.prepareStatement("SELECT vb FROM ht_state WHERE kh = ?");
        }
        longValueQuery.setBytes(1, keyHash);
        try (ResultSet rs = longValueQuery.executeQuery()) {
            byte[] value = rs.next() ? rs.getBytes(1) : null;
            if (value == null) {
                throw new IllegalStateException(
                        "the state row of key hash " + HexFormat.of().formatHex(keyHash) + " has no value");
            }
            return value;
        }
    }
}

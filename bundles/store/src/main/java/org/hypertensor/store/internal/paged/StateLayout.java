package org.hypertensor.store.internal.paged;

import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * How {@code ht_state} holds values (docs/state.md, "Database"). {@link #BLOB}: one BLOB column {@code v} (schema 2).
 * {@link #INLINE}: a value of at most {@link #INLINE_BYTES} bytes in {@code v VARCHAR FOR BIT DATA}, a longer one in
 * {@code vb BLOB} with {@code v} null (schema 3), and an index on {@code (kh, k, v)}: a bucket read is then a range
 * scan of that index alone, the bucket's rows side by side in one or two index pages, instead of one table page per
 * row. {@link #BUCKET} (schema 4): no per-key rows; each non-empty bucket is one row of {@code ht_buckets} (its
 * entries encoded by {@link BucketCodec}), so a bucket read is one index lookup and one row, and the keys alone are in
 * {@code ht_keys} for prefix scans. The per-key methods below serve {@link #BLOB} and {@link #INLINE} only.
 */
public enum StateLayout {
    BLOB("v"),
    INLINE("v, vb"),
    BUCKET("data");

    /** The longest value kept in the index; longer ones are read from {@code vb} by a second query. */
    public static final int INLINE_BYTES = 256;

    private final String valueColumns;

    StateLayout(String valueColumns) {
        this.valueColumns = valueColumns;
    }

    /** The value columns, for a select list or an insert's column list. */
    String valueColumns() {
        return valueColumns;
    }

    /** {@code ?} for each value column. */
    String valueParameters() {
        return this == BLOB ? "?" : "?, ?";
    }

    /** {@code col = ?} for each value column. */
    String valueAssignments() {
        return this == BLOB ? "v = ?" : "v = ?, vb = ?";
    }

    /** Binds {@code value} (not null) to the value parameters from {@code index}; returns the next index. */
    public int bind(PreparedStatement ps, int index, byte[] value) throws SQLException {
        if (this == BLOB) {
            ps.setBinaryStream(index, new ByteArrayInputStream(value), value.length);
            return index + 1;
        }
        if (value.length <= INLINE_BYTES) {
            ps.setBytes(index, value);
            ps.setNull(index + 1, Types.BLOB);
        } else {
            ps.setNull(index, Types.VARBINARY);
            ps.setBinaryStream(index + 1, new ByteArrayInputStream(value), value.length);
        }
        return index + 2;
    }

    /** The value in the row's value columns from {@code column} (as selected by {@link #valueColumns}). */
    public byte[] read(ResultSet rs, int column) throws SQLException {
        byte[] v = rs.getBytes(column);
        return v != null || this == BLOB ? v : rs.getBytes(column + 1);
    }
}

package org.hypertensor.store.internal.paged;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens the paged state: the bucket hashes of the last stored tree ({@code ht_tree}), then the bucket changes of
 * the blocks after it ({@code ht_changes}); the undo layers of the kept blocks go into the journal. Reads no state
 * rows: open time does not grow with the state.
 */
public final class PagedLoader {
    private PagedLoader() {}

    /**
     * @param keepFrom the oldest block whose layer is loaded (its state and newer ones stay readable)
     * @throws IllegalArgumentException if a record is missing or malformed
     */
    public static StateEngine load(
            String name,
            Connection c,
            StateTable table,
            long cacheBytes,
            int bits,
            long treeAt,
            long headNumber,
            long keepFrom)
            throws SQLException {
        byte[] hashes = new byte[32 << bits];
        if (treeAt >= 0) {
            try (PreparedStatement ps = c.prepareStatement("SELECT data FROM ht_tree WHERE num = ?")) {
                ps.setLong(1, treeAt);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalArgumentException("the bucket hashes of block #" + treeAt + " are missing");
                    }
                    hashes = rs.getBytes(1);
                }
            }
            if (hashes.length != (32 << bits)) {
                throw new IllegalArgumentException("the bucket hashes of block #" + treeAt + " are truncated");
            }
        }
        List<UndoLayer> layers = new ArrayList<>();
        long size = 0;
        long next = treeAt + 1;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT num, undo, buckets, size FROM ht_changes WHERE num >= ? AND num <= ? ORDER BY num")) {
            ps.setLong(1, Math.min(treeAt, keepFrom));
            ps.setLong(2, headNumber);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long num = rs.getLong(1);
                    UndoLayer layer = LayerCodec.decode(num, rs.getBytes(2), rs.getBytes(3), rs.getLong(4), bits);
                    if (num > treeAt) {
                        if (num != next) {
                            throw new IllegalArgumentException("the state changes of block #" + next + " are missing");
                        }
                        for (Map.Entry<Integer, byte[]> e : layer.bucketsAfter().entrySet()) {
                            System.arraycopy(e.getValue(), 0, hashes, e.getKey() * 32, 32);
                        }
                        next++;
                    }
                    if (num >= keepFrom) {
                        layers.add(layer);
                    }
                    if (num == headNumber) {
                        size = layer.sizeAfter();
                    }
                }
            }
        }
        if (headNumber > treeAt && next - 1 != headNumber) {
            throw new IllegalArgumentException(
                    "the state changes end at block #" + (next - 1) + ", the head is #" + headNumber);
        }
        return StateEngine.open(name, table, cacheBytes, bits, hashes, layers, headNumber, size);
    }
}

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
     * @param maxLayerBytes byte budget of the loaded layers (older ones beyond it are left out)
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
            long keepFrom,
            long maxLayerBytes)
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
        // Newest first: a bucket's after-hash from the newest block that changed it wins; undo layers are kept
        // while contiguous, within the kept range and the byte budget.
        List<UndoLayer> layers = new ArrayList<>();
        java.util.BitSet applied = new java.util.BitSet(1 << bits);
        long size = 0;
        long expected = headNumber;
        long layerBytes = 0;
        boolean keeping = true;
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT num, LENGTH(undo), buckets, size FROM ht_changes WHERE num >= ? AND num <= ? ORDER BY num DESC");
                PreparedStatement undoOf = c.prepareStatement("SELECT undo FROM ht_changes WHERE num = ?")) {
            ps.setLong(1, Math.min(treeAt + 1, keepFrom));
            ps.setLong(2, headNumber);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long num = rs.getLong(1);
                    if (num == headNumber) {
                        size = rs.getLong(4);
                    }
                    boolean candidate = keeping && num >= keepFrom && num == headNumber - layers.size();
                    if (num <= treeAt && !candidate) {
                        continue;
                    }
                    long undoLength = rs.getLong(2);
                    byte[] buckets = rs.getBytes(3);
                    // an undo record decodes to about twice its size; undo records beyond the budget are not even
                    // read (at 10^7 keys, reading every recent block's undo record made most of the open time). The
                    // head's too: it only serves reads of the state before the head, and a genesis of 10^7 accounts
                    // left one of 10^7 entries (an open of 11-16 s needing over 4 GiB of heap).
                    long estimate = 128 + 2L * undoLength + (long) buckets.length / 68 * 240;
                    keeping = candidate && layerBytes + estimate <= maxLayerBytes;
                    UndoLayer layer = LayerCodec.decode(
                            num, keeping ? undo(undoOf, num) : new byte[0], buckets, rs.getLong(4), bits);
                    if (num > treeAt) {
                        if (num != expected) {
                            throw new IllegalArgumentException(
                                    "the state changes of block #" + expected + " are missing");
                        }
                        expected = num - 1;
                        for (Map.Entry<Integer, byte[]> e : layer.bucketsAfter().entrySet()) {
                            if (!applied.get(e.getKey())) {
                                applied.set(e.getKey());
                                System.arraycopy(e.getValue(), 0, hashes, e.getKey() * 32, 32);
                            }
                        }
                    }
                    if (keeping) {
                        layers.add(0, layer);
                        layerBytes += layer.bytes();
                    }
                }
            }
        }
        if (headNumber > treeAt && expected != treeAt) {
            throw new IllegalArgumentException("the state changes of block #" + expected + " are missing");
        }
        return StateEngine.open(name, table, cacheBytes, bits, hashes, layers, headNumber, size);
    }

    private static byte[] undo(PreparedStatement undoOf, long num) throws SQLException {
        undoOf.setLong(1, num);
        try (ResultSet rs = undoOf.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalArgumentException("the state changes of block #" + num + " are missing");
            }
            return rs.getBytes(1);
        }
    }
}

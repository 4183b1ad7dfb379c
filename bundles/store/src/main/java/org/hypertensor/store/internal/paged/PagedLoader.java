package org.hypertensor.store.internal.paged;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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
        List<Change> changes = changes(c, Math.min(treeAt + 1, keepFrom), headNumber);
        try (PreparedStatement undoOf = c.prepareStatement("SELECT undo FROM ht_changes WHERE num = ?")) {
            for (int i = changes.size() - 1; i >= 0; i--) {
                Change change = changes.get(i);
                long num = change.num();
                if (num == headNumber) {
                    size = change.size();
                }
                boolean candidate = keeping && num >= keepFrom && num == headNumber - layers.size();
                if (num <= treeAt && !candidate) {
                    continue;
                }
                byte[] buckets = change.buckets();
                // an undo record decodes to about twice its size; undo records beyond the budget are not even
                // read (at 10^7 keys, reading every recent block's undo record made most of the open time). The
                // head's too: it only serves reads of the state before the head, and a genesis of 10^7 accounts
                // left one of 10^7 entries (an open of 11-16 s needing over 4 GiB of heap).
                long estimate = 128 + 2L * change.undoLength() + (long) buckets.length / 68 * 240;
                keeping = candidate && layerBytes + estimate <= maxLayerBytes;
                if (num > treeAt) {
                    if (num != expected) {
                        throw new IllegalArgumentException("the state changes of block #" + expected + " are missing");
                    }
                    expected = num - 1;
                    byte[] into = hashes;
                    LayerCodec.forEachAfter(buckets, bits, (bucket, at) -> {
                        if (!applied.get(bucket)) { // the newest block that changed the bucket gives its hash
                            applied.set(bucket);
                            System.arraycopy(buckets, at, into, bucket * 32, 32);
                        }
                    });
                }
                if (keeping) {
                    UndoLayer layer = LayerCodec.decode(num, undo(undoOf, num), buckets, change.size(), bits);
                    layers.add(0, layer);
                    layerBytes += layer.bytes();
                }
            }
        }
        if (headNumber > treeAt && expected != treeAt) {
            throw new IllegalArgumentException("the state changes of block #" + expected + " are missing");
        }
        return StateEngine.open(name, table, cacheBytes, bits, hashes, layers, headNumber, size);
    }

    /** A block's row of {@code ht_changes} without its undo record (read only for the layers kept). */
    private record Change(long num, long undoLength, byte[] buckets, long size) {}

    /**
     * The rows of {@code ht_changes} from {@code from} to {@code to}, in ascending order: the primary key's order, so
     * Derby reads them through the index instead of sorting the rows (with their bucket lists) as a descending order
     * made it do.
     */
    private static List<Change> changes(Connection c, long from, long to) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT num, LENGTH(undo), buckets, size FROM ht_changes WHERE num >= ? AND num <= ? ORDER BY num")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Change(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getLong(4)));
                }
            }
        }
        return out;
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

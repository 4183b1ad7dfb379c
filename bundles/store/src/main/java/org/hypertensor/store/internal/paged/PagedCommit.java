package org.hypertensor.store.internal.paged;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One block's state changes on their way into the database: {@link #write} (in the caller's transaction) publishes
 * the undo layer, then writes the block's undo and redo records (and its history rows in archive mode); after the
 * transaction committed, {@link #committed} queues the changed buckets' rows to be written behind and moves the
 * head, or {@link #failed} withdraws the layer.
 */
public final class PagedCommit {
    private final StateEngine engine;
    private final long number;
    private final PagedOverlay.Changes changes;
    private final List<StateTable.RowChange> rows = new ArrayList<>();
    /** The changed keys' values after the block, in key-hash order (the redo record). */
    private final List<Bucket.Change> after = new ArrayList<>();

    private final UndoLayer layer;

    private PagedCommit(StateEngine engine, PagedOverlay overlay, long number) {
        this.engine = engine;
        this.number = number;
        this.changes = overlay.changes();
        NavigableMap<byte[], Bucket.Change> before = UndoLayer.newChanges();
        for (Map.Entry<byte[], PagedOverlay.Entry> e : changes.changed()) {
            PagedOverlay.Entry entry = e.getValue();
            before.put(e.getKey(), new Bucket.Change(entry.key(), entry.before()));
            after.add(new Bucket.Change(entry.key(), entry.after()));
            rows.add(new StateTable.RowChange(e.getKey(), entry.key(), entry.before() != null, entry.after()));
        }
        int bits = engine.bits();
        TreeMap<Integer, byte[]> bucketsBefore = engine.tree().read(view -> {
            TreeMap<Integer, byte[]> out = new TreeMap<>();
            for (int b : changes.bucketHashes().keySet()) {
                out.put(b, view.node(bits, b));
            }
            return out;
        });
        this.layer = new UndoLayer(number, before, bucketsBefore, changes.bucketHashes(), changes.size());
    }

    /** Prepares the commit of an overlay made on the engine's head (the caller checked that). */
    public static PagedCommit prepare(StateEngine engine, PagedOverlay overlay, long number) {
        return new PagedCommit(engine, overlay, number);
    }

    public byte[] root() {
        return changes.root().clone();
    }

    public int changedKeys() {
        return rows.size();
    }

    public int changedBuckets() {
        return changes.bucketHashes().size();
    }

    /** Writes the undo and redo records (and the history rows) in the caller's transaction (not committed here). */
    public void write(Connection c) throws SQLException {
        engine.publish(layer);
        if (engine.table().archive()) {
            StateTable.writeHistory(c, number, layer.before());
        }
        byte[] undo = LayerCodec.encodeChanges(layer.before().values());
        byte[] redo = LayerCodec.encodeChanges(after);
        byte[] buckets = LayerCodec.encodeBuckets(layer.bucketsBefore(), layer.bucketsAfter());
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO ht_changes (num, undo, redo, buckets, size) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, number);
            ps.setBinaryStream(2, new ByteArrayInputStream(undo), undo.length);
            ps.setBinaryStream(3, new ByteArrayInputStream(redo), redo.length);
            ps.setBinaryStream(4, new ByteArrayInputStream(buckets), buckets.length);
            ps.setLong(5, changes.size());
            ps.executeUpdate();
        }
    }

    /** The transaction failed and was rolled back. */
    public void failed() {
        engine.withdraw(number);
    }

    /** The transaction committed: the rows queued to be written behind, then the new head. */
    public PagedSnapshot committed() {
        engine.table().behind().committed(new RowsBehind.Pending(number, bucketWrites()));
        PagedSnapshot next = new PagedSnapshot(engine, number, changes.root(), changes.size());
        engine.committed(next, changes.treeNodes(), changes.buckets());
        return next;
    }

    /** The changed buckets in bucket order, each with its changed keys (the rows are in key-hash order). */
    private List<RowsBehind.BucketWrite> bucketWrites() {
        int bits = engine.bits();
        List<RowsBehind.BucketWrite> writes = new ArrayList<>(changes.buckets().size());
        int from = 0;
        while (from < rows.size()) {
            int b = Bits.prefix(rows.get(from).keyHash(), bits);
            int to = from + 1;
            while (to < rows.size() && Bits.prefix(rows.get(to).keyHash(), bits) == b) {
                to++;
            }
            Bucket content = changes.buckets().get(b);
            byte[] before = layer.bucketsBefore().get(b);
            if (content == null || before == null) {
                throw new IllegalStateException("bucket " + b + " changed without its content or hash");
            }
            writes.add(new RowsBehind.BucketWrite(
                    b, content, !Arrays.equals(before, Bucket.EMPTY_HASH), rows.subList(from, to)));
            from = to;
        }
        return writes;
    }
}

package org.hypertensor.store.internal.paged;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state rows written behind the commits (docs/state.md, "Rows written behind"). A block's commit stores its
 * changes as records ({@code ht_changes}: undo and redo); the rows of its changed buckets are written afterwards by
 * this class's thread, block after block, in transactions of {@link #CHUNK} buckets, and the meta row
 * {@code state_rows} says up to which block they are all written. Until then the block's buckets stay pinned here,
 * and a read finds them here before it reads their rows: the rows and the pins together are always at least the
 * head. An open queues the blocks after {@code state_rows} again from their records: a redo sets each key to its
 * value after the block, so writing a block again over its partly written rows gives the same rows.
 */
public final class RowsBehind {
    private static final Logger LOG = LoggerFactory.getLogger(RowsBehind.class);
    /** Buckets per transaction: a scan waits for at most one of them. */
    static final int CHUNK = 2048;
    /** Meta row: every block up to this one has its state rows written. */
    public static final String WRITTEN = "state_rows";

    /**
     * One bucket of a block: its content after the block, whether its row exists before the block, and the block's
     * changes in it ({@code existed}: whether the rows have the key before the block).
     */
    record BucketWrite(int bucket, Bucket content, boolean rowExists, List<StateTable.RowChange> changes) {}

    /** A committed block whose rows are not all written: its changed buckets, each with its changed keys. */
    static final class Pending {
        private final long number;
        private final List<BucketWrite> writes;
        /** The changes by key (for scans), made at the first scan: most blocks are written before any. */
        private NavigableMap<byte[], byte[]> byKey;

        Pending(long number, List<BucketWrite> writes) {
            this.number = number;
            this.writes = writes;
        }

        long number() {
            return number;
        }

        List<BucketWrite> writes() {
            return writes;
        }

        /** The changed keys starting with {@code prefix} and their values after the block (null: deleted). */
        synchronized SortedMap<byte[], byte[]> withPrefix(byte[] prefix) {
            if (byKey == null) {
                byKey = new TreeMap<>(Bits.UNSIGNED);
                for (BucketWrite w : writes) {
                    for (StateTable.RowChange c : w.changes()) {
                        byKey.put(c.key(), c.value());
                    }
                }
            }
            SortedMap<byte[], byte[]> from = byKey.tailMap(prefix);
            byte[] end = null;
            for (byte[] key : from.keySet()) {
                if (!StateEngine.startsWith(key, prefix)) {
                    end = key; // the first key past the prefix: keys with the prefix are contiguous from it
                    break;
                }
            }
            return end == null ? from : from.headMap(end);
        }
    }

    private record Pin(long number, Bucket content) {}

    private final String name;
    private final Connection connection;
    private final StateTable table;
    private final ConcurrentHashMap<Integer, Pin> pins = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, Pending> queue = new ConcurrentSkipListMap<>();
    /** Guards the waits on the queue. */
    private final Object progress = new Object();

    private final Thread thread;
    private volatile long written = -1;
    /** Why the last write failed (null: it did not); the writer tries again after a second. */
    private volatile String failure;

    private volatile boolean closing;
    private volatile boolean held;

    /** How far the writer got in a block: the buckets written (used by the writer's thread only). */
    private record Resume(long number, int done) {}

    private Resume resume = new Resume(-1, 0);

    RowsBehind(String name, Connection connection, StateTable table) {
        this.name = name;
        this.connection = connection;
        this.table = table;
        this.thread = new Thread(this::run, "chain-store-rows " + name);
        thread.setDaemon(true);
    }

    /** Starts the writer (after {@link #recover}). */
    public void start() {
        thread.start();
    }

    /** The head's content of a bucket whose row is not written yet, or null. */
    Bucket pinned(int bucket) {
        Pin pin = pins.get(bucket);
        return pin == null ? null : pin.content();
    }

    /** Blocks committed whose rows are not all written. */
    public int behind() {
        return queue.size();
    }

    /** The last block whose rows are all written (-1: none). */
    public long written() {
        return written;
    }

    /** Why the last write failed, or null. */
    public String failure() {
        return failure;
    }

    /**
     * The latest values (null: deleted) of the keys starting with {@code prefix} that the queued blocks change, in
     * key order. The caller holds the table's scan lock, so no queued block's rows are written meanwhile.
     */
    TreeMap<byte[], byte[]> changes(byte[] prefix) {
        TreeMap<byte[], byte[]> out = new TreeMap<>(Bits.UNSIGNED);
        for (Pending p : queue.values()) {
            out.putAll(p.withPrefix(prefix)); // oldest first: a later block's value wins
        }
        return out;
    }

    /** Queues a block whose changes just committed (before the head moves to it): its buckets are pinned first. */
    void committed(Pending block) {
        for (BucketWrite w : block.writes()) {
            pins.put(w.bucket(), new Pin(block.number(), w.content()));
        }
        synchronized (progress) {
            queue.put(block.number(), block);
            progress.notifyAll();
        }
    }

    /**
     * Waits until at most {@code blocks} blocks wait for their rows; false, without waiting further, if the writer
     * failed meanwhile and the queue is still longer ({@link #failure} says why).
     */
    public boolean awaitAtMost(int blocks) {
        synchronized (progress) {
            while (queue.size() > blocks) {
                if (failure != null || closing) {
                    return false;
                }
                try {
                    progress.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Tests: stops the writer before its next block ({@code true}) or lets it go on; a close while it is held
     * leaves the queued blocks to the next open, as a kill would.
     */
    public void hold(boolean hold) {
        synchronized (progress) {
            held = hold;
            progress.notifyAll();
        }
    }

    private void run() {
        while (true) {
            Pending next;
            synchronized (progress) {
                while (!closing && (queue.isEmpty() || held)) {
                    try {
                        progress.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty() || held || (closing && failure != null)) {
                    return; // closing: the rest at the next open
                }
                next = queue.firstEntry().getValue();
            }
            try {
                write(next);
                if (failure != null) {
                    LOG.info("State rows of block #{} in {} written after all", next.number(), name);
                    failure = null;
                }
            } catch (SQLException | RuntimeException e) {
                rollback();
                String why = e instanceof SQLException sql ? sql.getMessage() : e.toString();
                if (failure == null) {
                    LOG.warn("State rows of block #{} in {} not written ({}); trying again", next.number(), name, why);
                }
                if (!pause(why)) {
                    return;
                }
            }
        }
    }

    /**
     * Writes the block's buckets, a chunk per transaction, from the first one not written yet (a failed chunk is
     * written again from its start).
     */
    private void write(Pending block) throws SQLException {
        long start = System.nanoTime();
        List<BucketWrite> writes = block.writes();
        if (resume.number() != block.number()) {
            resume = new Resume(block.number(), 0);
        }
        do {
            int done = resume.done();
            List<BucketWrite> chunk = writes.subList(done, Math.min(writes.size(), done + CHUNK));
            boolean last = done + chunk.size() == writes.size();
            table.writingRows(() -> {
                StateTable.writeRows(connection, table.layout(), chunk);
                if (last) {
                    try (PreparedStatement ps =
                            connection.prepareStatement("UPDATE ht_meta SET num = ? WHERE name = '" + WRITTEN + "'")) {
                        ps.setLong(1, block.number());
                        ps.executeUpdate();
                    }
                }
                connection.commit();
                if (last) {
                    for (BucketWrite w : writes) {
                        pins.computeIfPresent(w.bucket(), (b, pin) -> pin.number() == block.number() ? null : pin);
                    }
                    synchronized (progress) {
                        written = block.number();
                        queue.remove(block.number());
                        progress.notifyAll();
                    }
                }
            });
            resume = new Resume(block.number(), done + chunk.size());
        } while (resume.done() < writes.size());
        LOG.debug(
                "State rows of block #{} written in {}: {} buckets in {} ms, {} blocks behind",
                block.number(),
                name,
                writes.size(),
                (System.nanoTime() - start) / 1_000_000,
                queue.size());
    }

    /** After a failed write: records why, wakes the waiting commits, waits a second; false if closing meanwhile. */
    private boolean pause(String why) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        synchronized (progress) {
            failure = why;
            progress.notifyAll();
            long left;
            while (!closing && (left = until - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    return false;
                }
            }
            return !closing;
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback of a state row write in {}: {}", name, e.getMessage());
        }
    }

    /**
     * Stops the writer once the queue is written (at most {@code seconds}); blocks left are written at the next
     * open. The caller closes the connection.
     */
    public void close(long seconds) {
        long start = System.nanoTime();
        synchronized (progress) {
            closing = true;
            progress.notifyAll();
        }
        try {
            if (thread.isAlive()) {
                thread.join(TimeUnit.SECONDS.toMillis(seconds));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        if (ms >= 1000) {
            LOG.info("Wrote the state rows left behind in {} before closing, in {} ms", name, ms);
        }
        if (!queue.isEmpty()) {
            LOG.warn(
                    "State rows of {} blocks in {} not written at close{}; they are written at the next open",
                    queue.size(),
                    name,
                    failure == null ? "" : " (" + failure + ")");
        }
    }

    /**
     * At open, before {@link #start}: queues again the blocks after {@code from} ({@code state_rows}) up to
     * {@code head}, from their redo records over the rows as they are (each bucket checked against the block's
     * recorded bucket hash).
     *
     * @throws IllegalArgumentException if a record is missing or does not match
     */
    public void recover(Connection c, long from, long head, int bits) throws SQLException {
        written = Math.min(from, head);
        if (from >= head) {
            return;
        }
        long start = System.nanoTime();
        long expected = from + 1;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT num, redo, buckets FROM ht_changes WHERE num > ? AND num <= ? ORDER BY num")) {
            ps.setLong(1, from);
            ps.setLong(2, head);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long num = rs.getLong(1);
                    byte[] redo = rs.getBytes(2);
                    if (num != expected) {
                        throw new IllegalArgumentException("the state changes of block #" + expected + " are missing");
                    }
                    expected++;
                    if (redo == null) {
                        continue; // committed by a version that wrote the rows in the commit
                    }
                    UndoLayer layer = LayerCodec.decode(num, redo, rs.getBytes(3), 0, bits);
                    committed(replay(layer, bits));
                }
            }
        }
        if (expected != head + 1) {
            throw new IllegalArgumentException("the state changes of block #" + expected + " are missing");
        }
        LOG.info(
                "State rows of blocks #{} to #{} in {} queued again from their records in {} ms",
                from + 1,
                head,
                name,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** A block's writes from its redo record ({@code layer.before()} holds the values after it) over the rows. */
    private Pending replay(UndoLayer layer, int bits) throws SQLException {
        List<BucketWrite> writes = new ArrayList<>(layer.bucketsAfter().size());
        for (Map.Entry<Integer, byte[]> e : layer.bucketsAfter().entrySet()) {
            int b = e.getKey();
            Bucket base = table.load(b, bits); // a pinned (earlier queued) bucket, or the row as written
            SortedMap<byte[], Bucket.Change> changes = layer.inBucket(b, bits);
            Bucket content = base.with(changes);
            if (!Arrays.equals(content.hash(), e.getValue())) {
                throw new IllegalArgumentException("the state changes of block #" + layer.number()
                        + " do not give its recorded hash of bucket " + b);
            }
            List<StateTable.RowChange> rows = new ArrayList<>(changes.size());
            for (Map.Entry<byte[], Bucket.Change> c : changes.entrySet()) {
                boolean existed = base.indexOf(c.getKey()) >= 0;
                if (existed || c.getValue().value() != null) {
                    rows.add(new StateTable.RowChange(
                            c.getKey(),
                            c.getValue().key(),
                            existed,
                            c.getValue().value()));
                }
            }
            writes.add(new BucketWrite(b, content, base.size() > 0, rows));
        }
        return new Pending(layer.number(), writes);
    }
}

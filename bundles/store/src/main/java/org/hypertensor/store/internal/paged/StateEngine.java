package org.hypertensor.store.internal.paged;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The paged state of one store: the bucket tree (the head's bucket hashes and the levels above them), the bucket
 * cache, the undo journal of recent blocks and the state table. Versions are {@link PagedSnapshot}s; the head moves
 * by {@link #committed}. The writer publishes a block's undo layer before writing its rows, so a reader that reads
 * rows and then the journal can always undo whatever it saw of newer blocks (undo is idempotent).
 */
public final class StateEngine {
    private final int bits;
    private final BucketTree tree;
    private final BucketCache cache;
    private final StateTable table;
    private final ConcurrentSkipListMap<Long, UndoLayer> journal = new ConcurrentSkipListMap<>();
    private volatile PagedSnapshot head;
    private final String name;
    /** Bytes of the layers in the journal (changed by the committing thread only). */
    private final java.util.concurrent.atomic.AtomicLong journalBytes = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Opens the paged state at the head {@code headNumber} (-1: empty): the tree from the bucket hashes and the
     * journal from the undo layers above {@code keepAbove}. The caller checks the root.
     */
    public static StateEngine open(
            String name,
            StateTable table,
            long cacheBytes,
            int bits,
            byte[] bucketHashes,
            List<UndoLayer> layers,
            long headNumber,
            long size) {
        StateEngine engine = new StateEngine(
                name, bits, BucketTree.fromBuckets(bits, bucketHashes), new BucketCache(cacheBytes), table);
        for (UndoLayer layer : layers) {
            engine.publish(layer);
        }
        engine.head = new PagedSnapshot(engine, headNumber, engine.tree.root(), size);
        return engine;
    }

    /**
     * The state after block {@code number} with its recorded root: from the journal if it still covers it, else in
     * archive mode from the database's history.
     */
    public java.util.Optional<org.hypertensor.store.api.StateReader> at(long number, byte[] root) {
        PagedSnapshot h = head;
        if (number == h.number()) {
            return java.util.Optional.of(h);
        }
        if (number > h.number()) {
            return java.util.Optional.empty();
        }
        UndoLayer layer = journal.get(number);
        if (number >= oldestKept() && layer != null) {
            return java.util.Optional.of(new PagedSnapshot(this, number, root, layer.sizeAfter()));
        }
        return table.archive() ? archived(number, root) : java.util.Optional.empty();
    }

    /** The last tree rebuilt for an archived state (immutable: history never changes). */
    private record PastTree(long number, long size, BucketTree tree) {}

    private volatile PastTree pastTree;

    /** A state the undo journal no longer covers. */
    static final class NotKept extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotKept(String message) {
            super(message);
        }
    }

    java.util.Optional<org.hypertensor.store.api.StateReader> archived(long number, byte[] root) {
        PastTree past = archivedTree(number);
        if (past == null) {
            return java.util.Optional.empty();
        }
        if (!Arrays.equals(past.tree().root(), root)) {
            throw new IllegalStateException("chain store " + name + ": the bucket hashes of block #" + number
                    + " from its undo records do not match its state root (database corrupt)");
        }
        return java.util.Optional.of(new ArchivedSnapshot(this, number, root, past.size(), past.tree()));
    }

    /**
     * The tree of block {@code number}'s state: the head's bucket hashes (copied first) with, for each bucket that a
     * later block changed, its hash before the first such block. O(2^bits) hashes and one read of the undo records
     * after the block; the last one is cached. Blocks committed after the copy are in the records too (a block's
     * record commits before the tree moves), so the copy may be at any head.
     */
    synchronized PastTree archivedTree(long number) {
        PastTree cached = pastTree;
        if (cached != null && cached.number() == number) {
            return cached;
        }
        long start = System.nanoTime();
        byte[] hashes = tree.bucketHashes();
        StateTable.PastBuckets past;
        try {
            past = table.bucketsAt(number, bits);
        } catch (SQLException e) {
            throw failure("reading the undo records after block #" + number, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("chain store " + name + ": " + e.getMessage() + " (database corrupt)");
        }
        if (past == null) {
            return null;
        }
        for (Map.Entry<Integer, byte[]> e : past.hashes().entrySet()) {
            System.arraycopy(e.getValue(), 0, hashes, e.getKey() * 32, 32);
        }
        PastTree built = new PastTree(number, past.size(), BucketTree.fromBuckets(bits, hashes));
        pastTree = built;
        org.slf4j.LoggerFactory.getLogger(StateEngine.class)
                .debug(
                        "Rebuilt the bucket tree of block #{} in {}: {} buckets changed since, {} ms",
                        number,
                        name,
                        past.hashes().size(),
                        (System.nanoTime() - start) / 1_000_000);
        return built;
    }

    String name() {
        return name;
    }

    IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("chain store " + name + ": " + what + " failed: " + e.getMessage(), e);
    }

    StateEngine(String name, int bits, BucketTree tree, BucketCache cache, StateTable table) {
        this.name = name;
        this.bits = bits;
        this.tree = tree;
        this.cache = cache;
        this.table = table;
    }

    int bits() {
        return bits;
    }

    BucketTree tree() {
        return tree;
    }

    int bucketOf(byte[] keyHash) {
        return Bits.prefix(keyHash, bits);
    }

    public StateTable table() {
        return table;
    }

    public PagedSnapshot head() {
        return head;
    }

    void setHead(PagedSnapshot snapshot) {
        head = snapshot;
    }

    /** The head's bucket, from the cache or the table (checked against the tree's hash, then cached). */
    Bucket headBucket(int bucket) {
        Bucket cached = cache.get(bucket);
        if (cached != null) {
            return cached;
        }
        if (tree.read(view -> BucketTree.empty(view.node(bits, bucket)))) {
            return Bucket.EMPTY; // known empty at the head: no database read
        }
        // The head and the cache version as one pair: a commit moves both under the tree's lock, so a bucket read
        // for head N is never checked against the tree of head N + 1.
        long[] at = tree.read(view -> new long[] {cache.version(), head.number()});
        long version = at[0];
        long headNumber = at[1];
        Bucket loaded;
        try {
            loaded = table.load(bucket, bits);
        } catch (SQLException e) {
            throw new IllegalStateException("chain store " + name + ": reading state failed: " + e.getMessage(), e);
        }
        Bucket atHead = undo(loaded, bucket, headNumber);
        tree.read(view -> {
            if (cache.version() == version) { // the tree is the same head's: check the rows against it
                if (!Arrays.equals(atHead.hash(), view.node(bits, bucket))) {
                    throw new IllegalStateException("chain store " + name + ": stored state of bucket " + bucket
                            + " does not match the state root (database corrupt)");
                }
                cache.putIfCurrent(bucket, atHead, version);
            }
            return null;
        });
        return atHead;
    }

    /** The bucket as it was after block {@code number}, given a newer version of it: the newer layers undone. */
    Bucket undo(Bucket content, int bucket, long number) {
        Bucket b = content;
        for (UndoLayer layer : layersAbove(number).descendingMap().values()) {
            SortedMap<byte[], Bucket.Change> changes = layer.inBucket(bucket, bits);
            if (!changes.isEmpty()) {
                b = b.with(changes);
            }
        }
        return b;
    }

    /** The layers of the blocks after {@code number}; fails if one of them is no longer kept. */
    NavigableMap<Long, UndoLayer> layersAbove(long number) {
        NavigableMap<Long, UndoLayer> above = journal.tailMap(number, false);
        if (!above.isEmpty() && above.firstKey() != number + 1) {
            throw new NotKept("chain store " + name + ": the state of block #" + number + " is no longer kept");
        }
        return above;
    }

    /** Bucket hashes after block {@code number} where they differ from the tree (which is at least that new). */
    NavigableMap<Integer, byte[]> overridesAt(long number) {
        NavigableMap<Long, UndoLayer> above = layersAbove(number);
        if (above.isEmpty()) {
            return java.util.Collections.emptyNavigableMap();
        }
        NavigableMap<Integer, byte[]> o = new TreeMap<>();
        for (UndoLayer layer : above.descendingMap().values()) {
            o.putAll(layer.bucketsBefore()); // lower layers last: their before-hash is the one at `number`
        }
        return o;
    }

    /** Entries of the state after block {@code number} whose key starts with {@code prefix}, sorted by key. */
    List<Map.Entry<byte[], byte[]>> scan(byte[] prefix, long number) {
        TreeMap<byte[], byte[]> out = new TreeMap<>(Bits.UNSIGNED);
        try {
            table.scan(prefix, out::put);
        } catch (SQLException e) {
            throw new IllegalStateException("chain store " + name + ": scan failed: " + e.getMessage(), e);
        }
        for (UndoLayer layer : layersAbove(number).descendingMap().values()) {
            for (Bucket.Change c : layer.before().values()) {
                if (startsWith(c.key(), prefix)) {
                    if (c.value() == null) {
                        out.remove(c.key());
                    } else {
                        out.put(c.key(), c.value());
                    }
                }
            }
        }
        List<Map.Entry<byte[], byte[]>> list = new ArrayList<>(out.size());
        for (Map.Entry<byte[], byte[]> e : out.entrySet()) {
            list.add(new java.util.AbstractMap.SimpleImmutableEntry<>(
                    e.getKey().clone(), e.getValue().clone()));
        }
        return list;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Publishes a block's undo layer (before its rows are written). */
    void publish(UndoLayer layer) {
        UndoLayer old = journal.put(layer.number(), layer);
        journalBytes.addAndGet(layer.bytes() - (old == null ? 0 : old.bytes()));
    }

    /** Withdraws a layer whose block was not written. */
    void withdraw(long number) {
        UndoLayer old = journal.remove(number);
        if (old != null) {
            journalBytes.addAndGet(-old.bytes());
        }
    }

    /** After the block's rows are committed: the tree, the cache and the head move together, under the tree's lock. */
    void committed(PagedSnapshot next, Map<Long, byte[]> treeNodes, Map<Integer, Bucket> buckets) {
        tree.apply(treeNodes, () -> {
            cache.committed(buckets);
            head = next;
        });
    }

    /**
     * Forgets the journal below {@code number}, and its oldest layers beyond {@code maxBytes} (their states are no
     * longer readable; the newest layer stays).
     */
    public void forgetBelow(long number, long maxBytes) {
        while (!journal.isEmpty()
                && (journal.firstKey() < number || (journal.size() > 1 && journalBytes.get() > maxBytes))) {
            withdraw(journal.firstKey());
        }
    }

    /**
     * Drops the cached buckets, the journal and the cached old tree when the store closes: a closed store object may
     * stay referenced (a factory's list, a caller) and must not keep its cache's budget of heap.
     */
    public void release() {
        cache.clear();
        journal.clear();
        journalBytes.set(0);
        pastTree = null;
    }

    public long journalBytes() {
        return journalBytes.get();
    }

    /** The oldest block whose state is readable (its layer gives its size, the newer ones undo to it). */
    public long oldestKept() {
        return journal.isEmpty() ? head.number() : Math.min(journal.firstKey(), head.number());
    }

    public BucketCache.Stats cacheStats() {
        return cache.stats();
    }

    /** A copy of the head's bucket hashes, to persist. */
    public byte[] bucketHashes() {
        return tree.bucketHashes();
    }
}

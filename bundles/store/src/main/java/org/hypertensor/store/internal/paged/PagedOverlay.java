package org.hypertensor.store.internal.paged;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.internal.state.Blake2b;

/**
 * Writes over a {@link PagedSnapshot}: the changed keys in key-hash order, each with its value in the base; a
 * journal of previous entries for checkpoints (kept only while one is open). {@link #root()} rebuilds only the
 * buckets changed since the last call and the tree nodes above them. Not thread-safe.
 */
public final class PagedOverlay extends PagedReader implements StateOverlay {
    private final PagedSnapshot base;
    private final TreeMap<byte[], Entry> changes = new TreeMap<>(Bits.UNSIGNED);
    private final List<Undo> journal = new ArrayList<>();
    private final List<Saved> checkpoints = new ArrayList<>();
    private long size;
    private final TreeMap<Integer, Bucket> buckets = new TreeMap<>();
    private final TreeMap<Integer, byte[]> bucketHashes = new TreeMap<>();
    private final TreeSet<Integer> dirty = new TreeSet<>();
    private byte[] root;
    private TreeMap<Long, byte[]> rootNodes;

    /** A changed key: its key, its value in the base and now (null: absent). */
    record Entry(byte[] key, byte[] before, byte[] after) {}

    private record Undo(byte[] keyHash, Entry previous) {}

    private record Saved(int journalSize, long size) {}

    PagedOverlay(PagedSnapshot base) {
        super(base.engine);
        this.base = base;
        this.size = base.size();
    }

    public PagedSnapshot base() {
        return base;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] get(byte[] key) {
        Entry e = changes.get(Blake2b.hash(checkKey(key)));
        if (e == null) {
            return base.get(key);
        }
        return e.after() == null ? null : e.after().clone();
    }

    private byte[] current(byte[] keyHash, Entry e) {
        return e != null ? e.after() : base.bucket(engine.bucketOf(keyHash)).get(keyHash);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        checkKey(key);
        if (value == null) {
            throw new IllegalArgumentException("state value is null (use delete)");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(
                    "state value of " + value.length + " bytes is longer than " + MAX_VALUE_BYTES);
        }
        byte[] kh = Blake2b.hash(key);
        Entry e = changes.get(kh);
        byte[] current = current(kh, e);
        if (Arrays.equals(current, value)) {
            return;
        }
        change(kh, e, new Entry(e != null ? e.key() : key.clone(), e != null ? e.before() : current, value.clone()));
        if (current == null) {
            size++;
        }
    }

    @Override
    public void delete(byte[] key) {
        checkKey(key);
        byte[] kh = Blake2b.hash(key);
        Entry e = changes.get(kh);
        byte[] current = current(kh, e);
        if (current == null) {
            return;
        }
        change(kh, e, new Entry(e != null ? e.key() : key.clone(), e != null ? e.before() : current, null));
        size--;
    }

    private void change(byte[] kh, Entry previous, Entry next) {
        if (!checkpoints.isEmpty()) {
            journal.add(new Undo(kh, previous));
        }
        changes.put(kh, next);
        touched(kh);
    }

    private void touched(byte[] kh) {
        dirty.add(engine.bucketOf(kh));
        root = null;
    }

    @Override
    public int checkpoint() {
        checkpoints.add(new Saved(journal.size(), size));
        return checkpoints.size() - 1;
    }

    @Override
    public void revertTo(int checkpoint) {
        Saved saved = open(checkpoint);
        while (journal.size() > saved.journalSize()) {
            Undo u = journal.remove(journal.size() - 1);
            if (u.previous() == null) {
                changes.remove(u.keyHash());
            } else {
                changes.put(u.keyHash(), u.previous());
            }
            touched(u.keyHash());
        }
        size = saved.size();
        checkpoints.subList(checkpoint + 1, checkpoints.size()).clear();
    }

    @Override
    public void release(int checkpoint) {
        open(checkpoint);
        checkpoints.subList(checkpoint, checkpoints.size()).clear();
        if (checkpoints.isEmpty()) {
            journal.clear();
        }
    }

    private Saved open(int checkpoint) {
        if (checkpoint < 0 || checkpoint >= checkpoints.size()) {
            throw new IllegalArgumentException(
                    "checkpoint " + checkpoint + " is not open (open: " + checkpoints.size() + ")");
        }
        return checkpoints.get(checkpoint);
    }

    @Override
    public int changedKeys() {
        int count = 0;
        for (Entry e : changes.values()) {
            if (!Arrays.equals(e.before(), e.after())) {
                count++;
            }
        }
        return count;
    }

    /** The changed keys of one bucket, as bucket changes. */
    private SortedMap<byte[], Bucket.Change> changesIn(int bucket) {
        int bits = engine.bits();
        byte[] from = Bits.bucketStart(bucket, bits);
        SortedMap<byte[], Entry> range = bucket + 1 == (1 << bits)
                ? changes.tailMap(from, true)
                : changes.subMap(from, true, Bits.bucketStart(bucket + 1, bits), false);
        TreeMap<byte[], Bucket.Change> out = new TreeMap<>(Bits.UNSIGNED);
        for (Map.Entry<byte[], Entry> e : range.entrySet()) {
            out.put(
                    e.getKey(),
                    new Bucket.Change(e.getValue().key(), e.getValue().after()));
        }
        return out;
    }

    /** Rebuilds the buckets changed since the last call (a block's worth on all cores: {@link BucketRebuild}). */
    private void refresh() {
        if (dirty.isEmpty()) {
            return;
        }
        int[] ids = dirty.stream().mapToInt(Integer::intValue).toArray();
        List<SortedMap<byte[], Bucket.Change>> changed = new ArrayList<>(ids.length);
        for (int b : ids) {
            changed.add(changesIn(b));
        }
        BucketRebuild.Rebuilt[] rebuilt = BucketRebuild.all(base, engine.tree(), ids, changed);
        for (int i = 0; i < ids.length; i++) {
            if (rebuilt[i] == null) {
                buckets.remove(ids[i]);
                bucketHashes.remove(ids[i]);
            } else {
                buckets.put(ids[i], rebuilt[i].content());
                bucketHashes.put(ids[i], rebuilt[i].hash());
            }
        }
        dirty.clear();
    }

    @Override
    Bucket bucket(int bucket) {
        refresh();
        Bucket own = buckets.get(bucket);
        return own != null ? own : base.bucket(bucket);
    }

    @Override
    NavigableMap<Integer, byte[]> overrides() {
        refresh();
        NavigableMap<Integer, byte[]> baseOverrides = base.overrides();
        if (baseOverrides.isEmpty()) {
            return bucketHashes;
        }
        TreeMap<Integer, byte[]> all = new TreeMap<>(baseOverrides);
        all.putAll(bucketHashes);
        return all;
    }

    @Override
    public byte[] root() {
        if (root == null) {
            refresh();
            if (bucketHashes.isEmpty()) {
                root = base.root();
                rootNodes = new TreeMap<>();
            } else {
                TreeMap<Long, byte[]> nodes = new TreeMap<>();
                int bits = engine.bits();
                root = engine.tree().read(view -> BucketTree.root(view, bits, overrides(), nodes));
                rootNodes = nodes;
            }
        }
        return root.clone();
    }

    @Override
    public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("scan prefix is null");
        }
        TreeMap<byte[], byte[]> out = new TreeMap<>(Bits.UNSIGNED);
        for (Map.Entry<byte[], byte[]> e : base.scan(prefix)) {
            out.put(e.getKey(), e.getValue());
        }
        for (Entry e : changes.values()) {
            if (StateEngine.startsWith(e.key(), prefix)) {
                if (e.after() == null) {
                    out.remove(e.key());
                } else {
                    out.put(e.key().clone(), e.after().clone());
                }
            }
        }
        List<Map.Entry<byte[], byte[]>> list = new ArrayList<>(out.size());
        for (Map.Entry<byte[], byte[]> e : out.entrySet()) {
            list.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
        }
        return list;
    }

    /** What a commit writes: the real changes in key-hash order, the new buckets and tree nodes, root and size. */
    record Changes(
            List<Map.Entry<byte[], Entry>> changed,
            TreeMap<Integer, Bucket> buckets,
            TreeMap<Long, byte[]> treeNodes,
            TreeMap<Integer, byte[]> bucketHashes,
            byte[] root,
            long size) {}

    /** The overlay's changes for a commit (computes the root). */
    Changes changes() {
        byte[] r = root();
        List<Map.Entry<byte[], Entry>> changed = new ArrayList<>();
        for (Map.Entry<byte[], Entry> e : changes.entrySet()) {
            if (!Arrays.equals(e.getValue().before(), e.getValue().after())) {
                changed.add(e);
            }
        }
        return new Changes(
                changed, new TreeMap<>(buckets), new TreeMap<>(rootNodes), new TreeMap<>(bucketHashes), r, size);
    }
}

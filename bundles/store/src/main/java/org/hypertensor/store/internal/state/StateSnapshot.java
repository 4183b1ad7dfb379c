package org.hypertensor.store.internal.state;

import java.util.Arrays;
import java.util.List;

/** An immutable, fully hashed state: the committed state at some block. Safe to read from any thread. */
public final class StateSnapshot extends TrieState {
    public static final StateSnapshot EMPTY = new StateSnapshot(null, null, 0);

    private final Object merkle;
    private final Object index;
    private final long size;
    private final byte[] root;

    private StateSnapshot(Object merkle, Object index, long size) {
        this.merkle = merkle;
        this.index = index;
        this.size = size;
        this.root = MERKLE.hashParallel(merkle); // hashes every node before the snapshot is shared
    }

    /**
     * Builds the state from stored entries, checking each stored key hash (O(n log n)).
     *
     * @throws IllegalArgumentException on a duplicate key or a key hash that does not match its key
     */
    public static StateSnapshot build(List<StoredEntry> entries) {
        MerkleLeaf[] leaves = new MerkleLeaf[entries.size()];
        byte[][] keys = new byte[entries.size()][];
        java.util.stream.IntStream.range(0, leaves.length).parallel().forEach(i -> {
            StoredEntry e = entries.get(i);
            byte[] keyHash = Blake2b.hash(checkKey(e.key()));
            if (e.keyHash() != null && !Arrays.equals(keyHash, e.keyHash())) {
                throw new IllegalArgumentException("stored key hash does not match its key");
            }
            leaves[i] = new MerkleLeaf(keyHash, e.key(), e.value());
            keys[i] = e.key();
        });
        if (!sortedByKeyHash(leaves)) { // snapshots are stored in key-hash order: usually nothing to sort
            Arrays.parallelSort(leaves, (a, b) -> Arrays.compareUnsigned(a.keyHash, b.keyHash));
        }
        Arrays.parallelSort(keys, Arrays::compareUnsigned);
        return new StateSnapshot(
                MERKLE.build(leaves, 0, leaves.length), INDEX.build(keys, 0, keys.length), leaves.length);
    }

    private static boolean sortedByKeyHash(MerkleLeaf[] leaves) {
        for (int i = 1; i < leaves.length; i++) {
            if (Arrays.compareUnsigned(leaves[i - 1].keyHash, leaves[i].keyHash) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A key, its value and (optionally, to be checked) its stored hash. */
    public record StoredEntry(byte[] keyHash, byte[] key, byte[] value) {}

    static StateSnapshot of(Object merkle, Object index, long size) {
        return new StateSnapshot(merkle, index, size);
    }

    @Override
    Object merkle() {
        return merkle;
    }

    @Override
    Object index() {
        return index;
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public long size() {
        return size;
    }

    /** Receives a key and its value (the trie's own arrays: do not modify). */
    public interface EntryVisitor {
        void visit(byte[] key, byte[] value);
    }

    /** Visits every entry in key-hash order. */
    public void forEachEntry(EntryVisitor visitor) {
        MERKLE.forEachLeaf(merkle, leaf -> visitor.visit(leaf.key, leaf.value));
    }

    /** A new overlay on this snapshot. */
    public TrieOverlay overlay() {
        return new TrieOverlay(this);
    }
}

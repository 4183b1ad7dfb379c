package org.hypertensor.store.internal.state;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.store.api.StateOverlay;

/**
 * Writes on top of a {@link StateSnapshot}, by path copying (in place for the branches of the current epoch): a
 * checkpoint is just the pair of trie roots, so checkpoints and reverts are O(1) and the base is never touched.
 */
public final class TrieOverlay extends TrieState implements StateOverlay {
    private final StateSnapshot base;
    private Object merkle;
    private Object index;
    private long size;
    private final List<Saved> checkpoints = new ArrayList<>();
    /** The current epoch: branches it created may be changed in place until it ends. */
    private Object owner = new Object();

    /** A checkpoint: the roots and size at the time. */
    private record Saved(Object merkle, Object index, long size) {}

    TrieOverlay(StateSnapshot base) {
        this.base = base;
        this.merkle = base.merkle();
        this.index = base.index();
        this.size = base.size();
    }

    public StateSnapshot base() {
        return base;
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
    public long size() {
        return size;
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
        byte[] keyHash = Blake2b.hash(key);
        MerkleLeaf closest = merkle == null ? null : (MerkleLeaf) MERKLE.closest(merkle, keyHash);
        MerkleLeaf old = closest != null && java.util.Arrays.equals(closest.keyHash, keyHash) ? closest : null;
        if (old != null && java.util.Arrays.equals(old.value, value)) {
            return;
        }
        MerkleLeaf leaf = new MerkleLeaf(keyHash, old == null ? key.clone() : old.key, value.clone());
        merkle = MERKLE.put(merkle, leaf, closest, owner);
        if (old == null) {
            index = INDEX.put(index, leaf.key, owner);
            size++;
        }
    }

    @Override
    public void delete(byte[] key) {
        checkKey(key);
        byte[] keyHash = Blake2b.hash(key);
        if (MERKLE.find(merkle, keyHash) != null) {
            merkle = MERKLE.remove(merkle, keyHash, owner);
            index = INDEX.remove(index, key, owner);
            size--;
        }
    }

    @Override
    public int checkpoint() {
        checkpoints.add(new Saved(merkle, index, size));
        owner = new Object(); // the saved tries are frozen from now on
        return checkpoints.size() - 1;
    }

    @Override
    public void revertTo(int checkpoint) {
        Saved saved = open(checkpoint);
        merkle = saved.merkle();
        index = saved.index();
        size = saved.size();
        owner = new Object();
        checkpoints.subList(checkpoint + 1, checkpoints.size()).clear();
    }

    @Override
    public void release(int checkpoint) {
        open(checkpoint);
        checkpoints.subList(checkpoint, checkpoints.size()).clear();
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
        int[] count = {0};
        MERKLE.diff(base.merkle(), merkle, (before, after) -> count[0]++);
        return count[0];
    }

    /** The differences from the base, in key-hash order. */
    public void forEachChange(ChangeSink sink) {
        MERKLE.diff(
                base.merkle(),
                merkle,
                (before, after) -> sink.changed(
                        before == null ? after.keyHash : before.keyHash,
                        before == null ? after.key : before.key,
                        before != null,
                        after == null ? null : after.value));
    }

    /** One changed key: {@code existed} says whether the base had it; {@code value} null means deleted. */
    public interface ChangeSink {
        void changed(byte[] keyHash, byte[] key, boolean existed, byte[] value);
    }

    /** The overlay's state as a new immutable snapshot (hashes every new node). */
    public StateSnapshot toSnapshot() {
        owner = new Object(); // the snapshot's tries are frozen from now on
        return StateSnapshot.of(merkle, index, size);
    }
}

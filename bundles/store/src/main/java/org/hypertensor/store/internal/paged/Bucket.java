package org.hypertensor.store.internal.paged;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.hypertensor.store.internal.state.Blake2b;

/**
 * The entries whose key hashes share the same first {@code bucketBits} bits, sorted by key hash: the unit the state
 * is read from the database and cached in. Its crit-bit subtree (docs/state.md) is hashed from the sorted entries.
 * Immutable; the leaf hashes are memoized (benign race: any thread computes the same values).
 */
final class Bucket {
    static final Bucket EMPTY = new Bucket(new byte[0][], new byte[0][], new byte[0][]);
    static final byte[] EMPTY_HASH = new byte[Blake2b.LENGTH];

    final byte[][] keyHashes;
    final byte[][] keys;
    final byte[][] values;
    private final long bytes;
    /** Leaf hashes known when this bucket was made ({@link #with}: the unchanged entries'), null where not. */
    private final byte[][] knownLeafHashes;
    /**
     * Branch hashes known when this bucket was made: those of the bucket it was made from by changing values only
     * (same key hashes, so the same branches), in pre-order; null otherwise. {@link #changedBefore} says which
     * entries' values changed: a branch over none of them keeps its hash.
     */
    private final byte[][] knownBranches;
    /** Entries changed before index i, for {@link #knownBranches} (length size + 1); null with it. */
    private final int[] changedBefore;

    private byte[][] leafHashes;
    /** The branch hashes in pre-order (size − 1), memoized by {@link #hash}; null until it runs. */
    private byte[][] branches;

    Bucket(byte[][] keyHashes, byte[][] keys, byte[][] values) {
        this(keyHashes, keys, values, null, null, null);
    }

    private Bucket(
            byte[][] keyHashes,
            byte[][] keys,
            byte[][] values,
            byte[][] knownLeafHashes,
            byte[][] knownBranches,
            int[] changedBefore) {
        this.keyHashes = keyHashes;
        this.keys = keys;
        this.values = values;
        this.knownLeafHashes = knownLeafHashes;
        this.knownBranches = knownBranches;
        this.changedBefore = changedBefore;
        long total = 64;
        for (int i = 0; i < keys.length; i++) {
            // the entry, its key hash, its leaf hash and a branch hash (memoized), with their array headers
            total += keys[i].length + values[i].length + 3L * 16 + 2L * Blake2b.LENGTH + 32 + Blake2b.LENGTH + 24;
        }
        this.bytes = total;
    }

    int size() {
        return keyHashes.length;
    }

    /** Index of the entry with this key hash, or {@code -(insertion point) - 1}. */
    int indexOf(byte[] keyHash) {
        int lo = 0;
        int hi = keyHashes.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(keyHashes[mid], keyHash);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    /** The value (the bucket's own array: do not modify) or null. */
    byte[] get(byte[] keyHash) {
        int i = indexOf(keyHash);
        return i >= 0 ? values[i] : null;
    }

    /** Approximate heap size, for the cache's byte budget. */
    long bytes() {
        return bytes;
    }

    private byte[][] leafHashes() {
        byte[][] h = leafHashes;
        if (h == null) {
            h = new byte[keyHashes.length][];
            for (int i = 0; i < h.length; i++) {
                byte[] known = knownLeafHashes == null ? null : knownLeafHashes[i];
                h[i] = known != null ? known : Blake2b.leaf(keyHashes[i], Blake2b.hash(values[i]));
            }
            leafHashes = h;
        }
        return h;
    }

    /** The hash of this bucket's subtree; 32 zero bytes when empty. */
    byte[] hash() {
        if (keyHashes.length == 0) {
            return EMPTY_HASH.clone();
        }
        byte[][] b = new byte[keyHashes.length - 1][];
        byte[] h = hashTree(leafHashes(), 0, keyHashes.length, 0, b);
        branches = b;
        return h;
    }

    /**
     * The hash of the subtree over entries [from, to), whose first branch has pre-order index {@code index} (its
     * branches are [index, index + to − from − 1)): a known branch over no changed entry is reused with its subtree's
     * branches, the rest hashed and recorded in {@code out}.
     */
    private byte[] hashTree(byte[][] leaves, int from, int to, int index, byte[][] out) {
        if (to - from == 1) {
            return leaves[from];
        }
        if (knownBranches != null && knownBranches[index] != null && changedBefore[to] == changedBefore[from]) {
            System.arraycopy(knownBranches, index, out, index, to - from - 1);
            return knownBranches[index];
        }
        int crit = Bits.critBit(keyHashes[from], keyHashes[to - 1]);
        int split = split(from, to, crit);
        byte[] left = hashTree(leaves, from, split, index + 1, out);
        byte[] right = hashTree(leaves, split, to, index + split - from, out);
        out[index] = Blake2b.branch(crit, left, right);
        return out[index];
    }

    private byte[] node(byte[][] leaves, int from, int to) {
        if (to - from == 1) {
            return leaves[from];
        }
        int crit = Bits.critBit(keyHashes[from], keyHashes[to - 1]);
        int split = split(from, to, crit);
        return Blake2b.branch(crit, node(leaves, from, split), node(leaves, split, to));
    }

    /** The first index in (from, to) whose key hash has a 1 at {@code crit} (the range is sorted and differs there). */
    private int split(int from, int to, int crit) {
        int lo = from + 1;
        int hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Bits.bit(keyHashes[mid], crit) == 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Adds the proof steps inside this (non-empty) bucket for {@code keyHash}: the branches from the bucket's root to
     * the leaf that the key hash leads to, as bits and sibling hashes. Returns that leaf's index.
     */
    int steps(byte[] keyHash, List<Integer> bits, List<byte[]> siblings) {
        byte[][] leaves = leafHashes();
        int from = 0;
        int to = keyHashes.length;
        while (to - from > 1) {
            int crit = Bits.critBit(keyHashes[from], keyHashes[to - 1]);
            int split = split(from, to, crit);
            bits.add(crit);
            if (Bits.bit(keyHash, crit) == 0) {
                siblings.add(node(leaves, split, to));
                to = split;
            } else {
                siblings.add(node(leaves, from, split));
                from = split;
            }
        }
        return from;
    }

    /** The change of one key: its key, and its new value or null for deleted. */
    record Change(byte[] key, byte[] value) {}

    /**
     * This bucket with changes applied (keyed by key hash, all in this bucket). The unchanged entries keep their leaf
     * hashes, so the new bucket's hash costs two hashes per changed entry plus its branches, not two per entry.
     */
    Bucket with(SortedMap<byte[], Change> changes) {
        if (changes.isEmpty()) {
            return this;
        }
        byte[][] leaves = leafHashes;
        List<byte[]> hashes = new ArrayList<>(keyHashes.length + changes.size());
        List<byte[]> newKeys = new ArrayList<>(hashes.size());
        List<byte[]> newValues = new ArrayList<>(hashes.size());
        List<byte[]> newLeaves = new ArrayList<>(hashes.size());
        int i = 0;
        boolean sameKeys = true; // values changed only: the same branches
        int[] changedBefore = new int[keyHashes.length + 1];
        for (Map.Entry<byte[], Change> e : changes.entrySet()) {
            byte[] kh = e.getKey();
            while (i < keyHashes.length && Arrays.compareUnsigned(keyHashes[i], kh) < 0) {
                keep(i++, leaves, hashes, newKeys, newValues, newLeaves);
            }
            if (i < keyHashes.length && Arrays.equals(keyHashes[i], kh)) {
                changedBefore[i + 1] = 1;
                i++; // replaced or deleted
            } else {
                sameKeys = false;
            }
            sameKeys &= e.getValue().value() != null;
            if (e.getValue().value() != null) {
                hashes.add(kh);
                newKeys.add(e.getValue().key());
                newValues.add(e.getValue().value());
                newLeaves.add(null);
            }
        }
        while (i < keyHashes.length) {
            keep(i++, leaves, hashes, newKeys, newValues, newLeaves);
        }
        boolean reuse = sameKeys && branches != null;
        if (reuse) {
            for (int j = 0; j < keyHashes.length; j++) {
                changedBefore[j + 1] += changedBefore[j];
            }
        }
        return new Bucket(
                hashes.toArray(new byte[0][]),
                newKeys.toArray(new byte[0][]),
                newValues.toArray(new byte[0][]),
                leaves == null ? null : newLeaves.toArray(new byte[0][]),
                reuse ? branches : null,
                reuse ? changedBefore : null);
    }

    private void keep(
            int i,
            byte[][] leaves,
            List<byte[]> hashes,
            List<byte[]> newKeys,
            List<byte[]> newValues,
            List<byte[]> newLeaves) {
        hashes.add(keyHashes[i]);
        newKeys.add(keys[i]);
        newValues.add(values[i]);
        newLeaves.add(leaves == null ? null : leaves[i]);
    }
}

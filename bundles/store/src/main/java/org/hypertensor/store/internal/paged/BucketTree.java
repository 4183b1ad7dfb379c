package org.hypertensor.store.internal.paged;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.hypertensor.store.internal.state.Blake2b;

/**
 * The top of the state trie, above the buckets: node {@code (d, i)} is the crit-bit node of every entry whose key
 * hash starts with the {@code d}-bit number {@code i}. All of them agree on the first {@code d} bits, so if both
 * halves are non-empty they first differ at bit {@code d} and the node is {@code branch(d, left, right)}; otherwise
 * it is the non-empty half (docs/state.md). Levels {@code 0..bits} are kept as flat arrays (2^(bits+1) × 32 bytes);
 * 32 zero bytes stand for empty. Holds the head's version; readers of older states override the buckets that
 * changed since (from the undo journal).
 */
final class BucketTree {
    private static final int H = Blake2b.LENGTH;
    /** Nodes of a level from which {@link #root} hashes them on more than one core: below, a hand-off costs more. */
    private static final int PARALLEL_FROM = 512;

    private final int bits;
    private final byte[][] levels;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private BucketTree(int bits, byte[][] levels) {
        this.bits = bits;
        this.levels = levels;
    }

    /** A tree from the bucket hashes ({@code 2^bits × 32} bytes, in bucket order). */
    static BucketTree fromBuckets(int bits, byte[] bucketHashes) {
        if (bucketHashes.length != (H << bits)) {
            throw new IllegalArgumentException(
                    "bucket hashes: " + bucketHashes.length + " bytes for " + bits + " bits");
        }
        byte[][] levels = new byte[bits + 1][];
        levels[bits] = bucketHashes.clone();
        for (int d = bits - 1; d >= 0; d--) {
            byte[] level = new byte[H << d];
            byte[] below = levels[d + 1];
            int depth = d;
            IntStream nodes = IntStream.range(0, 1 << d);
            // each node lands in its own slice of the level, so the order of the workers does not matter
            (1 << d >= PARALLEL_FROM ? nodes.parallel() : nodes)
                    .forEach(i -> System.arraycopy(
                            combine(depth, slice(below, 2 * i), slice(below, 2 * i + 1)), 0, level, i * H, H));
            levels[d] = level;
        }
        return new BucketTree(bits, levels);
    }

    int bits() {
        return bits;
    }

    static byte[] slice(byte[] level, int index) {
        return Arrays.copyOfRange(level, index * H, index * H + H);
    }

    static boolean empty(byte[] hash) {
        for (byte b : hash) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] combine(int d, byte[] left, byte[] right) {
        if (empty(left)) {
            return right;
        }
        if (empty(right)) {
            return left;
        }
        return Blake2b.branch(d, left, right);
    }

    /** Runs {@code reader} with a consistent view of the tree (no commit applies meanwhile). */
    <T> T read(Function<View, T> reader) {
        lock.readLock().lock();
        try {
            return reader.apply(this::stored);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether this thread is inside {@link #read}. */
    boolean readHeldByThisThread() {
        return lock.getReadHoldCount() > 0;
    }

    private byte[] stored(int d, int i) {
        return slice(levels[d], i);
    }

    /** Node access at one version of the tree. */
    interface View {
        byte[] node(int d, int i);
    }

    /** Node {@code (d, i)} of the view with some bucket hashes replaced ({@code overrides}, by bucket). */
    static byte[] node(View view, int bits, int d, int i, NavigableMap<Integer, byte[]> overrides) {
        if (overrides.isEmpty()) {
            return view.node(d, i);
        }
        int lo = i << (bits - d);
        int hi = (i + 1) << (bits - d);
        if (overrides.subMap(lo, true, hi, false).isEmpty()) {
            return view.node(d, i);
        }
        return d == bits
                ? overrides.get(i)
                : combine(d, node(view, bits, d + 1, 2 * i, overrides), node(view, bits, d + 1, 2 * i + 1, overrides));
    }

    /**
     * The root with some bucket hashes replaced, as {@link #node node(view, bits, 0, 0, overrides)} gives it, and
     * every node recomputed because of them into {@code computed} (keyed by {@link #key}); computed level by level
     * from the changed buckets up: no range lookups in {@code overrides}, and each level's
     * nodes (a block changes tens of thousands of buckets) hashed on all cores from {@link #PARALLEL_FROM} nodes on.
     * Each node lands in its own slot, so the result does not depend on the order.
     */
    static byte[] root(View view, int bits, NavigableMap<Integer, byte[]> overrides, Map<Long, byte[]> computed) {
        if (overrides.isEmpty()) {
            return view.node(0, 0);
        }
        int n = overrides.size();
        int[] index = new int[n];
        byte[][] hash = new byte[n][];
        int k = 0;
        for (Map.Entry<Integer, byte[]> e : overrides.entrySet()) {
            index[k] = e.getKey();
            hash[k++] = e.getValue();
        }
        for (int d = bits; ; d--) {
            for (int j = 0; j < n; j++) {
                computed.put(key(d, index[j]), hash[j]);
            }
            if (d == 0) {
                return hash[0];
            }
            // pair each changed node with its sibling: the next changed node, or the stored one
            int[] parent = new int[n];
            byte[][] left = new byte[n][];
            byte[][] right = new byte[n][];
            int m = 0;
            for (int j = 0; j < n; m++) {
                int i = index[j];
                parent[m] = i >>> 1;
                if ((i & 1) == 1) {
                    left[m] = view.node(d, i - 1);
                    right[m] = hash[j++];
                } else {
                    left[m] = hash[j++];
                    right[m] = j < n && index[j] == i + 1 ? hash[j++] : view.node(d, i + 1);
                }
            }
            byte[][] above = new byte[m][];
            int level = d - 1;
            IntStream nodes = IntStream.range(0, m);
            (m >= PARALLEL_FROM ? nodes.parallel() : nodes).forEach(j -> above[j] = combine(level, left[j], right[j]));
            index = Arrays.copyOf(parent, m);
            hash = above;
            n = m;
        }
    }

    static long key(int d, int i) {
        return ((long) d << 32) | (i & 0xffffffffL);
    }

    /** Makes the given recomputed nodes (from {@link #node} with overrides) the head's version. */
    void apply(Map<Long, byte[]> computed, Runnable alsoUnderLock) {
        lock.writeLock().lock();
        try {
            alsoUnderLock.run();
            for (Map.Entry<Long, byte[]> e : computed.entrySet()) {
                int d = (int) (e.getKey() >>> 32);
                int i = (int) (long) e.getKey();
                System.arraycopy(e.getValue(), 0, levels[d], i * H, H);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** A copy of the bucket hashes (to persist). */
    byte[] bucketHashes() {
        lock.readLock().lock();
        try {
            return levels[bits].clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    byte[] root() {
        return read(v -> v.node(0, 0));
    }
}

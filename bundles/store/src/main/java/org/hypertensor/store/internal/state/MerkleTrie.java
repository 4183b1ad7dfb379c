package org.hypertensor.store.internal.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RecursiveTask;
import org.hypertensor.store.api.StateProof;

/**
 * The state's Merkle trie: a crit-bit trie over BLAKE2b-256(key) whose leaves are {@link MerkleLeaf}s. Branch
 * hashes are computed lazily and memoized, so after k changes {@link #hash} rehashes O(k log n) nodes.
 */
final class MerkleTrie extends CritBitTrie {
    static final MerkleTrie INSTANCE = new MerkleTrie();
    private static final byte[] EMPTY_ROOT = new byte[Blake2b.LENGTH];

    private MerkleTrie() {}

    @Override
    byte[] path(Object leaf) {
        return ((MerkleLeaf) leaf).keyHash;
    }

    @Override
    int bit(byte[] path, int i) {
        return (path[i >>> 3] >>> (7 - (i & 7))) & 1;
    }

    @Override
    int critBit(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            int x = (a[i] ^ b[i]) & 0xff;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return -1;
    }

    /** Subtrees whose both children need hashing are split across the fork-join pool down to this depth. */
    private static final int PARALLEL_DEPTH = 6;

    /**
     * The root hash, hashing the nodes not hashed yet; where both children of a branch need hashing near the top,
     * they are hashed in parallel. The trie is a tree (no node has two parents), so tasks never share a node.
     */
    byte[] hashParallel(Object node) {
        if (node instanceof Branch b && b.hash == null) {
            return new HashTask(b, 0).invoke(); // runs in this thread; forked halves go to the common pool
        }
        return hash(node);
    }

    private final class HashTask extends RecursiveTask<byte[]> {
        private static final long serialVersionUID = 1L;
        private final transient Branch branch;
        private final int depth;

        HashTask(Branch branch, int depth) {
            this.branch = branch;
            this.depth = depth;
        }

        @Override
        protected byte[] compute() {
            Branch b = branch;
            if (depth >= PARALLEL_DEPTH || !(dirty(b.left) && dirty(b.right))) {
                return hash(b);
            }
            HashTask left = new HashTask((Branch) b.left, depth + 1);
            left.fork();
            byte[] right = new HashTask((Branch) b.right, depth + 1).compute();
            b.hash = Blake2b.branch(b.bit, left.join(), right);
            return b.hash;
        }
    }

    private static boolean dirty(Object node) {
        return node instanceof Branch b && b.hash == null;
    }

    /** The root hash of the (sub)trie, hashing the nodes not hashed yet. */
    byte[] hash(Object node) {
        if (node == null) {
            return EMPTY_ROOT.clone();
        }
        if (node instanceof MerkleLeaf leaf) {
            return leaf.hash();
        }
        Branch b = (Branch) node;
        if (b.hash == null) {
            b.hash = Blake2b.branch(b.bit, hash(b.left), hash(b.right));
        }
        return b.hash;
    }

    StateProof prove(Object root, byte[] key, byte[] keyHash) {
        if (root == null) {
            return StateProof.exclusionFromEmpty(key);
        }
        hash(root);
        List<Branch> path = new ArrayList<>();
        Object node = root;
        while (node instanceof Branch b) {
            path.add(b);
            node = b.child(bit(keyHash, b.bit));
        }
        int[] bits = new int[path.size()];
        byte[][] siblings = new byte[path.size()][];
        for (int i = 0; i < bits.length; i++) {
            Branch b = path.get(i);
            bits[i] = b.bit;
            siblings[i] = hash(b.child(1 - bit(keyHash, b.bit)));
        }
        MerkleLeaf leaf = (MerkleLeaf) node;
        return critBit(keyHash, leaf.keyHash) < 0
                ? StateProof.inclusion(key, leaf.value, bits, siblings)
                : StateProof.exclusion(key, leaf.keyHash, leaf.valueHash(), bits, siblings);
    }

    /** Receives the differences between two tries: (before, after), either null for an added or deleted key. */
    interface DiffSink {
        void changed(MerkleLeaf before, MerkleLeaf after);
    }

    /**
     * Reports every key whose leaf differs between {@code a} and {@code b}, skipping shared subtrees; when {@code b}
     * was derived from {@code a} by k updates this visits O(k log n) nodes.
     */
    void diff(Object a, Object b, DiffSink sink) {
        if (a == b) {
            return;
        }
        if (a == null || b == null) {
            forEachLeaf(a == null ? b : a, leaf -> sink.changed(a == null ? null : leaf, a == null ? leaf : null));
            return;
        }
        if (a instanceof MerkleLeaf la && b instanceof MerkleLeaf lb) {
            if (critBit(la.keyHash, lb.keyHash) >= 0) {
                sink.changed(la, null);
                sink.changed(null, lb);
            } else if (!java.util.Arrays.equals(la.value, lb.value)) {
                sink.changed(la, lb);
            }
            return;
        }
        if (a instanceof Branch ba && b instanceof Branch bb && ba.bit == bb.bit) {
            diff(ba.left, bb.left, sink);
            diff(ba.right, bb.right, sink);
            return;
        }
        // Split the node with the lower bit: the other subtree's leaves all lie on one side of it.
        if (a instanceof Branch ba && (b instanceof MerkleLeaf || ba.bit < ((Branch) b).bit)) {
            int side = bit(anyPath(b), ba.bit);
            diff(ba.child(side), b, sink);
            forEachLeaf(ba.child(1 - side), leaf -> sink.changed(leaf, null));
        } else {
            Branch bb = (Branch) b;
            int side = bit(anyPath(a), bb.bit);
            diff(a, bb.child(side), sink);
            forEachLeaf(bb.child(1 - side), leaf -> sink.changed(null, leaf));
        }
    }

    private byte[] anyPath(Object node) {
        while (node instanceof Branch b) {
            node = b.left;
        }
        return ((MerkleLeaf) node).keyHash;
    }

    interface LeafVisitor {
        void visit(MerkleLeaf leaf);
    }

    /** Visits the leaves in path order. */
    void forEachLeaf(Object node, LeafVisitor visitor) {
        if (node instanceof Branch b) {
            forEachLeaf(b.left, visitor);
            forEachLeaf(b.right, visitor);
        } else if (node != null) {
            visitor.visit((MerkleLeaf) node);
        }
    }

    /**
     * Adds to {@code out}, in key-hash order, the leaves whose key hash is {@code >= from}, until it holds {@code max}.
     * A subtree is skipped or taken whole by comparing {@code from} with its common prefix (the bits above its
     * branch bit), so this visits O(depth² + max) nodes.
     */
    void leavesFrom(Object node, byte[] from, int max, List<MerkleLeaf> out) {
        if (node == null || out.size() >= max) {
            return;
        }
        if (node instanceof MerkleLeaf leaf) {
            if (java.util.Arrays.compareUnsigned(leaf.keyHash, from) >= 0) {
                out.add(leaf);
            }
            return;
        }
        Branch b = (Branch) node;
        int crit = critBit(from, anyPath(b));
        if (crit >= 0 && crit < b.bit) { // from differs within the common prefix: all or nothing
            if (bit(from, crit) == 0) {
                takeAll(b, max, out);
            }
            return;
        }
        if (bit(from, b.bit) == 0) {
            leavesFrom(b.left, from, max, out);
            takeAll(b.right, max, out);
        } else {
            leavesFrom(b.right, from, max, out);
        }
    }

    private void takeAll(Object node, int max, List<MerkleLeaf> out) {
        if (out.size() >= max) {
            return;
        }
        if (node instanceof Branch b) {
            takeAll(b.left, max, out);
            takeAll(b.right, max, out);
        } else if (node != null) {
            out.add((MerkleLeaf) node);
        }
    }
}

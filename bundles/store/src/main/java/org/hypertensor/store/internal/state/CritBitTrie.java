package org.hypertensor.store.internal.state;

/**
 * A persistent binary crit-bit (Patricia) trie over prefix-free bit paths. Nodes are {@link Branch}es or leaves
 * (any other object); updates copy the path from the root and share everything else, so an old root stays a valid
 * snapshot, except that branches owned by the caller's {@code owner} token (created in its current epoch, see
 * {@link Branch}) are changed in place. A null owner always copies. The empty trie is {@code null}.
 */
abstract class CritBitTrie {

    /** The path of a leaf. */
    abstract byte[] path(Object leaf);

    /** Bit {@code i} of a path (0 past its end). */
    abstract int bit(byte[] path, int i);

    /** First bit where two paths differ, or -1 if they are equal. */
    abstract int critBit(byte[] a, byte[] b);

    /** The leaf the path leads to: the one with this path if present, else one sharing its longest prefix. */
    final Object closest(Object node, byte[] path) {
        while (node instanceof Branch b) {
            node = b.child(bit(path, b.bit));
        }
        return node;
    }

    /** The leaf with exactly this path, or null. */
    final Object find(Object root, byte[] path) {
        if (root == null) {
            return null;
        }
        Object leaf = closest(root, path);
        return critBit(path, path(leaf)) < 0 ? leaf : null;
    }

    /** The root after putting {@code leaf}, replacing the leaf with the same path if any. */
    final Object put(Object root, Object leaf, Object owner) {
        return root == null ? leaf : put(root, leaf, closest(root, path(leaf)), owner);
    }

    /** As {@link #put(Object, Object, Object)}, given the {@link #closest} leaf to the new leaf's path. */
    final Object put(Object root, Object leaf, Object closest, Object owner) {
        if (root == null) {
            return leaf;
        }
        byte[] path = path(leaf);
        int crit = critBit(path, path(closest));
        return insert(root, path, leaf, crit < 0 ? Integer.MAX_VALUE : crit, owner);
    }

    private Object insert(Object node, byte[] path, Object leaf, int crit, Object owner) {
        if (node instanceof Branch b && b.bit < crit) {
            int side = bit(path, b.bit);
            return b.with(side, insert(b.child(side), path, leaf, crit, owner), owner);
        }
        if (crit == Integer.MAX_VALUE) {
            return leaf; // replaces the leaf with the same path
        }
        return bit(path, crit) == 0 ? new Branch(crit, leaf, node, owner) : new Branch(crit, node, leaf, owner);
    }

    /** The root after removing the leaf with this path (the same root if there is none). */
    final Object remove(Object root, byte[] path, Object owner) {
        return find(root, path) == null ? root : removePresent(root, path, owner);
    }

    private Object removePresent(Object node, byte[] path, Object owner) {
        if (!(node instanceof Branch b)) {
            return null;
        }
        int side = bit(path, b.bit);
        Object child = removePresent(b.child(side), path, owner);
        return child == null ? b.child(1 - side) : b.with(side, child, owner);
    }

    /** Builds a trie from leaves sorted by path in trie order, with distinct paths, in O(n log n) bit tests. */
    final Object build(Object[] sorted, int from, int to) {
        if (to - from == 0) {
            return null;
        }
        if (to - from == 1) {
            return sorted[from];
        }
        byte[] first = path(sorted[from]);
        int crit = critBit(first, path(sorted[to - 1]));
        if (crit < 0) {
            throw new IllegalArgumentException("duplicate path in trie build");
        }
        int lo = from + 1;
        int hi = to - 1; // the first leaf with a 1 at crit is in (from, to - 1]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (bit(path(sorted[mid]), crit) == 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return new Branch(crit, build(sorted, from, lo), build(sorted, lo, to), null);
    }
}

package org.hypertensor.store.internal.state;

import java.util.function.Consumer;

/**
 * The keys in unsigned byte order, for prefix scans: a crit-bit trie whose leaves are the key arrays themselves.
 * A key's path is its bytes, each preceded by a 1 bit, then a terminating 0 bit: prefix-free, and its bit order
 * is the keys' unsigned lexicographic order (a proper prefix sorts first).
 */
final class KeyIndex extends CritBitTrie {
    static final KeyIndex INSTANCE = new KeyIndex();

    private KeyIndex() {}

    @Override
    byte[] path(Object leaf) {
        return (byte[]) leaf;
    }

    @Override
    int bit(byte[] key, int i) {
        int index = i / 9;
        if (index >= key.length) {
            return 0;
        }
        int r = i % 9;
        return r == 0 ? 1 : (key[index] >>> (8 - r)) & 1;
    }

    @Override
    int critBit(byte[] a, byte[] b) {
        int common = Math.min(a.length, b.length);
        for (int i = 0; i < common; i++) {
            int x = (a[i] ^ b[i]) & 0xff;
            if (x != 0) {
                return i * 9 + 1 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return a.length == b.length ? -1 : common * 9;
    }

    /** Visits, in ascending order, the keys that start with {@code prefix}. */
    void scan(Object root, byte[] prefix, Consumer<byte[]> visitor) {
        int prefixBits = prefix.length * 9;
        Object node = root;
        while (node instanceof Branch b && b.bit < prefixBits) {
            node = b.child(bit(prefix, b.bit));
        }
        if (node == null || !startsWith(leftmost(node), prefix)) {
            return;
        }
        visit(node, visitor);
    }

    private static Object leftmost(Object node) {
        while (node instanceof Branch b) {
            node = b.left;
        }
        return node;
    }

    private static boolean startsWith(Object leaf, byte[] prefix) {
        byte[] key = (byte[]) leaf;
        return key.length >= prefix.length && java.util.Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static void visit(Object node, Consumer<byte[]> visitor) {
        if (node instanceof Branch b) {
            visit(b.left, visitor);
            visit(b.right, visitor);
        } else {
            visitor.accept((byte[]) node);
        }
    }
}

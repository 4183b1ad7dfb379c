package org.hypertensor.chain.network.internal.state;

import java.util.Arrays;

/** 256-bit key hashes of the state trie (docs/state.md): bit 0 is the most significant bit of byte 0. */
final class KeyHashes {

    static final int LENGTH = 32;

    private KeyHashes() {}

    static int bit(byte[] hash, int i) {
        return (hash[i >>> 3] >>> (7 - (i & 7))) & 1;
    }

    /** Unsigned lexicographic order, which is key-hash (leaf) order in the trie. */
    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** The first bit at which {@code a} and {@code b} differ, or 256 if they are equal. */
    static int firstDifference(byte[] a, byte[] b) {
        for (int i = 0; i < LENGTH; i++) {
            int x = (a[i] ^ b[i]) & 0xff;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return 8 * LENGTH;
    }

    /**
     * The lowest (fill 0) or highest (fill 1) hash that agrees with {@code hash} on the bits before {@code bit}
     * and has {@code value} at {@code bit}: the bounds of the subtree a branch at that bit hangs off.
     */
    static byte[] bound(byte[] hash, int bit, int value, int fill) {
        byte[] out = hash.clone();
        for (int i = bit; i < 8 * LENGTH; i++) {
            int v = i == bit ? value : fill;
            int mask = 1 << (7 - (i & 7));
            out[i >>> 3] = (byte) (v == 1 ? out[i >>> 3] | mask : out[i >>> 3] & ~mask);
        }
        return out;
    }

    /** {@code hash + 1} as a 256-bit number, or empty past the last hash. */
    static java.util.Optional<byte[]> next(byte[] hash) {
        byte[] out = hash.clone();
        for (int i = LENGTH - 1; i >= 0; i--) {
            out[i]++;
            if (out[i] != 0) {
                return java.util.Optional.of(out);
            }
        }
        return java.util.Optional.empty();
    }
}

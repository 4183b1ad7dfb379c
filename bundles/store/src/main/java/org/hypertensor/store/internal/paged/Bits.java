package org.hypertensor.store.internal.paged;

import java.util.Arrays;
import java.util.Comparator;

/** Bits of 256-bit key hashes (bit 0 = the most significant bit of byte 0) and their unsigned order. */
final class Bits {
    static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

    private Bits() {}

    static int bit(byte[] path, int i) {
        return (path[i >>> 3] >>> (7 - (i & 7))) & 1;
    }

    /** First bit where two equally long paths differ, or -1 if equal. */
    static int critBit(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            int x = (a[i] ^ b[i]) & 0xff;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return -1;
    }

    /** The first {@code bits} bits of a key hash as a number (bits ≤ 24). */
    static int prefix(byte[] keyHash, int bits) {
        int v = ((keyHash[0] & 0xff) << 16) | ((keyHash[1] & 0xff) << 8) | (keyHash[2] & 0xff);
        return v >>> (24 - bits);
    }

    /** The smallest key hash in bucket {@code bucket}. */
    static byte[] bucketStart(int bucket, int bits) {
        byte[] h = new byte[32];
        int v = bucket << (24 - bits);
        h[0] = (byte) (v >>> 16);
        h[1] = (byte) (v >>> 8);
        h[2] = (byte) v;
        return h;
    }
}

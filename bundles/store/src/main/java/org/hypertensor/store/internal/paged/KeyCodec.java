package org.hypertensor.store.internal.paged;

/**
 * State keys as the database stores and orders them: each byte as two bytes {@code 0x40 | nibble}. Derby compares
 * bit data as if the shorter value were padded with 0x20, which is below every encoded byte, so the encoded order is
 * exactly the keys' unsigned lexicographic order with a proper prefix first (docs/state.md, "Database").
 */
final class KeyCodec {
    /** Exclusive upper bound byte after an encoded prefix: above every encoded byte. */
    static final byte AFTER = 0x50;

    private KeyCodec() {}

    static byte[] encode(byte[] key) {
        byte[] out = new byte[key.length * 2];
        for (int i = 0; i < key.length; i++) {
            out[2 * i] = (byte) (0x40 | ((key[i] >>> 4) & 0x0f));
            out[2 * i + 1] = (byte) (0x40 | (key[i] & 0x0f));
        }
        return out;
    }

    static byte[] decode(byte[] encoded) {
        if ((encoded.length & 1) != 0) {
            throw new IllegalArgumentException("stored key of odd length " + encoded.length);
        }
        byte[] key = new byte[encoded.length / 2];
        for (int i = 0; i < key.length; i++) {
            int hi = encoded[2 * i] ^ 0x40;
            int lo = encoded[2 * i + 1] ^ 0x40;
            if ((hi & ~0x0f) != 0 || (lo & ~0x0f) != 0) {
                throw new IllegalArgumentException("stored key is not encoded");
            }
            key[i] = (byte) ((hi << 4) | lo);
        }
        return key;
    }

    /** The encoded prefix followed by {@link #AFTER}: every key starting with the prefix encodes below it. */
    static byte[] upperBound(byte[] prefix) {
        byte[] e = encode(prefix);
        byte[] out = java.util.Arrays.copyOf(e, e.length + 1);
        out[e.length] = AFTER;
        return out;
    }
}

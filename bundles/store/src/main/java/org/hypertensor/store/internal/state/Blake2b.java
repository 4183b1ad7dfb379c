package org.hypertensor.store.internal.state;

import org.hypertensor.crypto.api.Hashes;

/** BLAKE2b-256 and the trie's node hashes (docs/state.md, "Merkle structure"). */
public final class Blake2b {
    public static final int LENGTH = Hashes.HASH_256_LENGTH;
    private static final byte[] LEAF = {0x00};
    /** {@code 0x01 ‖ bit} for every bit index, so hashing a branch allocates only its result. */
    private static final byte[][] BRANCH = new byte[256][];

    static {
        for (int bit = 0; bit < 256; bit++) {
            BRANCH[bit] = new byte[] {0x01, (byte) bit};
        }
    }

    private Blake2b() {}

    public static byte[] hash(byte[] data) {
        return Hashes.blake2b256(data);
    }

    /** H(0x00 ‖ keyHash ‖ valueHash). */
    public static byte[] leaf(byte[] keyHash, byte[] valueHash) {
        return Hashes.blake2b256(LEAF, keyHash, valueHash);
    }

    /** H(0x01 ‖ bit ‖ left ‖ right). */
    public static byte[] branch(int bit, byte[] left, byte[] right) {
        return Hashes.blake2b256(BRANCH[bit], left, right);
    }
}

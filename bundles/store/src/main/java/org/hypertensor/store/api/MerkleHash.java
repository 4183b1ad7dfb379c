package org.hypertensor.store.api;

import org.hypertensor.crypto.api.Hashes;

/**
 * The hash functions of the state trie (docs/state.md, "Merkle structure"), used by {@link StateProof#verify}.
 * Not exported as API: the store's trie has its own copy of the definitions, so the two check each other in tests.
 */
final class MerkleHash {
    static final byte LEAF = 0x00;
    static final byte BRANCH = 0x01;

    private MerkleHash() {}

    static byte[] blake2b256(byte[]... parts) {
        return Hashes.blake2b256(parts);
    }

    static byte[] leaf(byte[] keyHash, byte[] valueHash) {
        return blake2b256(new byte[] {LEAF}, keyHash, valueHash);
    }

    static byte[] branch(int bit, byte[] left, byte[] right) {
        return blake2b256(new byte[] {BRANCH, (byte) bit}, left, right);
    }

    /** Bit {@code i} of a 256-bit path, most significant bit of byte 0 first. */
    static int bit(byte[] path, int i) {
        return (path[i >>> 3] >>> (7 - (i & 7))) & 1;
    }
}

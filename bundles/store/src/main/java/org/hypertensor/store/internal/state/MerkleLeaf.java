package org.hypertensor.store.internal.state;

/** A state entry in the Merkle trie: key, value and the key's hash (its path). Immutable; the hash is memoized. */
final class MerkleLeaf {
    final byte[] keyHash;
    final byte[] key;
    final byte[] value;
    private byte[] hash;

    MerkleLeaf(byte[] keyHash, byte[] key, byte[] value) {
        this.keyHash = keyHash;
        this.key = key;
        this.value = value;
    }

    byte[] valueHash() {
        return Blake2b.hash(value);
    }

    byte[] hash() {
        if (hash == null) {
            hash = Blake2b.leaf(keyHash, valueHash());
        }
        return hash;
    }
}

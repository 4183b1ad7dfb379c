package org.hypertensor.store.internal.paged;

/**
 * Benchmarks only: the state root of entries given bucket by bucket (each sorted by key hash), hashed with the paged
 * store's own bucket and tree code, so a large state can be imported with its expected root known in advance.
 */
public final class BucketRoots {
    private final int bits;
    private final byte[] hashes;

    public BucketRoots(int bits) {
        this.bits = bits;
        this.hashes = new byte[32 << bits];
    }

    /** The bucket a key hash falls in. */
    public int bucketOf(byte[] keyHash) {
        return Bits.prefix(keyHash, bits);
    }

    /** Records bucket {@code index}: its entries sorted by key hash. */
    public void bucket(int index, byte[][] keyHashes, byte[][] keys, byte[][] values) {
        System.arraycopy(new Bucket(keyHashes, keys, values).hash(), 0, hashes, index * 32, 32);
    }

    public byte[] root() {
        return BucketTree.fromBuckets(bits, hashes).root();
    }
}

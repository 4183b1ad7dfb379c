package org.hypertensor.bft.api;

/**
 * The 32-byte hash of a block: the value validators agree on. Immutable; ordered by unsigned
 * lexicographic comparison of the bytes, so sorted collections of hashes are the same on every node.
 * "nil" (no block) is {@code null} wherever a hash is optional.
 */
public final class BlockHash extends Bytes32 implements Comparable<BlockHash> {

    private BlockHash(byte[] bytes) {
        super(bytes);
    }

    /**
     * The hash of these 32 bytes (copied).
     *
     * @throws IllegalArgumentException if not 32 bytes
     */
    public static BlockHash of(byte[] bytes32) {
        return new BlockHash(copy32(bytes32, "a block hash"));
    }

    /** The bytes a signature covers for this optional hash: 32 zero bytes for nil. */
    static byte[] orZero(BlockHash hash) {
        return hash == null ? new byte[LENGTH] : hash.bytes;
    }

    @Override
    public int compareTo(BlockHash other) {
        return compareBytes(other);
    }
}

package org.hypertensor.bft.api;

import java.util.Arrays;
import org.hypertensor.crypto.api.Hex;

/**
 * The 32-byte hash of a block: the value validators agree on. Immutable; ordered by unsigned
 * lexicographic comparison of the bytes, so sorted collections of hashes are the same on every node.
 * "nil" (no block) is {@code null} wherever a hash is optional.
 */
public final class BlockHash implements Comparable<BlockHash> {

    /** Length in bytes. */
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private BlockHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The hash of these 32 bytes (copied).
     *
     * @throws IllegalArgumentException if not 32 bytes
     */
    public static BlockHash of(byte[] bytes32) {
        if (bytes32 == null || bytes32.length != LENGTH) {
            throw new IllegalArgumentException(
                    "a block hash is " + LENGTH + " bytes, got " + (bytes32 == null ? "none" : bytes32.length));
        }
        return new BlockHash(bytes32.clone());
    }

    /** The 32 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes a signature covers for this optional hash: 32 zero bytes for nil. */
    static byte[] orZero(BlockHash hash) {
        return hash == null ? new byte[LENGTH] : hash.bytes;
    }

    @Override
    public int compareTo(BlockHash other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The full hash in hex. */
    public String toHex() {
        return Hex.encode(bytes);
    }

    /** The first 8 bytes in hex, for logs. */
    @Override
    public String toString() {
        return toHex().substring(0, 16);
    }
}

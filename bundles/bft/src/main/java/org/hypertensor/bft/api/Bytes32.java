package org.hypertensor.bft.api;

import java.util.Arrays;
import org.hypertensor.crypto.api.Hex;

/**
 * The 32-byte value types of this API ({@link BlockHash}, {@link ValidatorKey}): immutable, equal when the
 * class and bytes are, ordered by unsigned lexicographic comparison (the same order on every node).
 */
abstract class Bytes32 {

    /** Length in bytes. */
    public static final int LENGTH = 32;

    final byte[] bytes;

    /** Takes {@code copy} as is: the subclasses' factories pass {@link #copy32}'s result. */
    Bytes32(byte[] copy) {
        this.bytes = copy;
    }

    /**
     * A copy of {@code bytes32}.
     *
     * @throws IllegalArgumentException if not 32 bytes ({@code what} names the value in the message)
     */
    static byte[] copy32(byte[] bytes32, String what) {
        if (bytes32 == null || bytes32.length != LENGTH) {
            throw new IllegalArgumentException(
                    what + " is " + LENGTH + " bytes, got " + (bytes32 == null ? "none" : bytes32.length));
        }
        return bytes32.clone();
    }

    /** The 32 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The full value in hex. */
    public String toHex() {
        return Hex.encode(bytes);
    }

    final int compareBytes(Bytes32 other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(bytes, ((Bytes32) o).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The first 8 bytes in hex, for logs. */
    @Override
    public String toString() {
        return toHex().substring(0, 16);
    }
}

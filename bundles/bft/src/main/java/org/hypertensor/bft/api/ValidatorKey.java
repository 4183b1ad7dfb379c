package org.hypertensor.bft.api;

import java.util.Arrays;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Hex;
import org.hypertensor.crypto.api.Ss58;

/**
 * A validator's 32-byte Ed25519 public key. Immutable; ordered by unsigned lexicographic comparison of
 * the bytes (the order of {@link ValidatorSet} and of a {@link Certificate}'s signatures).
 */
public final class ValidatorKey implements Comparable<ValidatorKey> {

    private final byte[] bytes;

    private ValidatorKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The key of these 32 bytes (copied).
     *
     * @throws IllegalArgumentException if not 32 bytes
     */
    public static ValidatorKey of(byte[] publicKey32) {
        if (publicKey32 == null || publicKey32.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("a validator key is " + Ed25519.PUBLIC_KEY_LENGTH + " bytes, got "
                    + (publicKey32 == null ? "none" : publicKey32.length));
        }
        return new ValidatorKey(publicKey32.clone());
    }

    /** The 32 bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        return Ed25519.verify(bytes, message, signature);
    }

    /** The SS58 address (prefix 42). */
    public String address() {
        return Ss58.encode(bytes);
    }

    @Override
    public int compareTo(ValidatorKey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidatorKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The first 8 bytes in hex, for logs. */
    @Override
    public String toString() {
        return Hex.encode(bytes).substring(0, 16);
    }
}

package org.hypertensor.bft.api;

import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Ss58;

/**
 * A validator's 32-byte Ed25519 public key. Immutable; ordered by unsigned lexicographic comparison of
 * the bytes (the order of {@link ValidatorSet} and of a {@link Certificate}'s signatures).
 */
public final class ValidatorKey extends Bytes32 implements Comparable<ValidatorKey> {

    private ValidatorKey(byte[] bytes) {
        super(bytes);
    }

    /**
     * The key of these 32 bytes (copied).
     *
     * @throws IllegalArgumentException if not 32 bytes
     */
    public static ValidatorKey of(byte[] publicKey32) {
        return new ValidatorKey(copy32(publicKey32, "a validator key"));
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
        return compareBytes(other);
    }
}

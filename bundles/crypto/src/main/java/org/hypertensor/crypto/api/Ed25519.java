package org.hypertensor.crypto.api;

/**
 * Ed25519 signature verification (RFC 8032, pure Ed25519, no context or pre-hash), backed by
 * Bouncy Castle. Thread-safe. Signing is on {@link Ed25519KeyPair}.
 */
public final class Ed25519 {

    /** Length in bytes of a public key. */
    public static final int PUBLIC_KEY_LENGTH = 32;
    /** Length in bytes of a private key seed. */
    public static final int SEED_LENGTH = 32;
    /** Length in bytes of a signature. */
    public static final int SIGNATURE_LENGTH = 64;

    private Ed25519() {}

    /**
     * Whether {@code signature64} is a valid signature of {@code message} by {@code publicKey32}.
     * Never throws: {@code false} for {@code null} or wrong-length arguments, a public key that is
     * not a point of the curve, or a non-canonical signature.
     */
    public static boolean verify(byte[] publicKey32, byte[] message, byte[] signature64) {
        if (publicKey32 == null
                || message == null
                || signature64 == null
                || publicKey32.length != PUBLIC_KEY_LENGTH
                || signature64.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            return org.bouncycastle.math.ec.rfc8032.Ed25519.verify(
                    signature64, 0, publicKey32, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false; // defensive: Bouncy Castle returns false for bad points, but never let it escape
        }
    }

    /** Whether {@code publicKey32} is a 32-byte encoding of a point of the curve (not a small-order one). */
    public static boolean isValidPublicKey(byte[] publicKey32) {
        if (publicKey32 == null || publicKey32.length != PUBLIC_KEY_LENGTH) {
            return false;
        }
        try {
            return org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyFull(publicKey32, 0);
        } catch (RuntimeException e) {
            return false;
        }
    }
}

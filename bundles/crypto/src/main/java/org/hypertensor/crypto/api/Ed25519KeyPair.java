package org.hypertensor.crypto.api;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * An Ed25519 key pair: the 32-byte private seed (RFC 8032's private key) and its public key.
 * Immutable and thread-safe; accessors return copies. Two pairs are equal when their public keys
 * are. {@link #toString()} shows the public key only, never the seed.
 */
public final class Ed25519KeyPair implements Signer {

    private final byte[] seed;
    private final byte[] publicKey;

    private Ed25519KeyPair(byte[] seed) {
        this.seed = seed;
        this.publicKey = new byte[Ed25519.PUBLIC_KEY_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, publicKey, 0);
    }

    /** A new random key pair; the seed is 32 bytes from {@code random}. */
    public static Ed25519KeyPair generate(SecureRandom random) {
        Objects.requireNonNull(random, "random");
        byte[] seed = new byte[Ed25519.SEED_LENGTH];
        random.nextBytes(seed);
        return new Ed25519KeyPair(seed);
    }

    /**
     * The key pair of a 32-byte seed (the array is copied).
     *
     * @throws IllegalArgumentException if the seed is not 32 bytes
     */
    public static Ed25519KeyPair fromSeed(byte[] seed32) {
        if (seed32 == null || seed32.length != Ed25519.SEED_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 seed is " + Ed25519.SEED_LENGTH + " bytes, got "
                    + (seed32 == null ? "none" : seed32.length));
        }
        return new Ed25519KeyPair(seed32.clone());
    }

    /** The 32-byte public key (a copy). */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The 32-byte private seed (a copy): keep it secret, wipe it after use. */
    public byte[] seed() {
        return seed.clone();
    }

    /** The SS58 address of the public key with the default prefix 42. */
    public String address() {
        return Ss58.encode(publicKey);
    }

    /** The 64-byte Ed25519 signature of {@code message} (deterministic: same message, same signature). */
    public byte[] sign(byte[] message) {
        Objects.requireNonNull(message, "message");
        byte[] signature = new byte[Ed25519.SIGNATURE_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ed25519KeyPair other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** {@code Ed25519KeyPair[5Grw…]}: the address only. */
    @Override
    public String toString() {
        return "Ed25519KeyPair[" + address() + "]";
    }
}

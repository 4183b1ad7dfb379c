package org.hypertensor.crypto.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.hypertensor.crypto.internal.hash.Blake2b;

/**
 * The hash functions of the chain. Each takes any number of byte arrays and hashes their
 * concatenation (no length prefixes, no separators): {@code blake2b256(a, b)} equals
 * {@code blake2b256(a ‖ b)}. Thread-safe; a {@code null} part is an error.
 */
public final class Hashes {

    /** Length in bytes of a BLAKE2b-256 or SHA-256 hash. */
    public static final int HASH_256_LENGTH = 32;
    /** Length in bytes of a BLAKE2b-512 hash. */
    public static final int HASH_512_LENGTH = 64;

    /**
     * One BLAKE2b-256 digest per thread: the state's Merkle nodes hash tens of bytes each, where allocating and
     * initializing a digest costs about as much as the compression itself. Reset before each use, so a use that
     * failed half-way (a null part) leaves nothing behind.
     */
    private static final ThreadLocal<Blake2b> BLAKE2B_256 = ThreadLocal.withInitial(() -> new Blake2b(HASH_256_LENGTH));

    private Hashes() {}

    /** BLAKE2b with a 32-byte output (RFC 7693, no key): block, header and transaction hashes. */
    public static byte[] blake2b256(byte[]... parts) {
        Blake2b digest = BLAKE2B_256.get();
        digest.reset();
        return digest(digest, parts);
    }

    /** BLAKE2b with a 64-byte output (RFC 7693, no key): the SS58 checksum. */
    public static byte[] blake2b512(byte[]... parts) {
        return digest(new Blake2b(HASH_512_LENGTH), parts);
    }

    /** SHA-256 (FIPS 180-4): for the libp2p side (peer ids, multihashes). */
    public static byte[] sha256(byte[]... parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e); // every Java SE has it
        }
        for (byte[] part : parts) {
            sha.update(part);
        }
        return sha.digest();
    }

    private static byte[] digest(Blake2b digest, byte[][] parts) {
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        return digest.digest();
    }
}

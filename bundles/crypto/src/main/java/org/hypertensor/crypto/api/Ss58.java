package org.hypertensor.crypto.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * SS58 addresses of 32-byte public keys, as Substrate writes them:
 * {@code base58(prefix ‖ public key ‖ first 2 bytes of BLAKE2b-512("SS58PRE" ‖ prefix ‖ public key))}.
 * Prefixes 0..63 take one byte; 64..16383 take Substrate's two-byte form. The chain's prefix is
 * {@value #DEFAULT_PREFIX} (the "5…" addresses).
 */
public final class Ss58 {

    /** The network prefix of this chain (Substrate's generic prefix). */
    public static final int DEFAULT_PREFIX = 42;
    /** The largest prefix SS58 can encode. */
    public static final int MAX_PREFIX = 16383;

    private static final byte[] CONTEXT = "SS58PRE".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_LENGTH = 2;

    private Ss58() {}

    /** The address of {@code publicKey32} with the chain's prefix {@value #DEFAULT_PREFIX}. */
    public static String encode(byte[] publicKey32) {
        return encode(DEFAULT_PREFIX, publicKey32);
    }

    /**
     * The address of {@code publicKey32} with {@code prefix}.
     *
     * @throws IllegalArgumentException if the prefix is outside 0..16383 or the key is not 32 bytes
     */
    public static String encode(int prefix, byte[] publicKey32) {
        if (publicKey32 == null || publicKey32.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "an SS58 account key is 32 bytes, got " + (publicKey32 == null ? "none" : publicKey32.length));
        }
        byte[] head = prefixBytes(prefix);
        byte[] checksum = Hashes.blake2b512(CONTEXT, head, publicKey32);
        byte[] raw = new byte[head.length + publicKey32.length + CHECKSUM_LENGTH];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(publicKey32, 0, raw, head.length, publicKey32.length);
        System.arraycopy(checksum, 0, raw, head.length + publicKey32.length, CHECKSUM_LENGTH);
        return Base58.encode(raw);
    }

    /**
     * The public key of an address of this chain (prefix {@value #DEFAULT_PREFIX}).
     *
     * @throws IllegalArgumentException for bad base58, a wrong length, a bad checksum or another prefix
     */
    public static byte[] decode(String address) {
        return decode(DEFAULT_PREFIX, address);
    }

    /**
     * The public key of an address that must carry {@code expectedPrefix}.
     *
     * @throws IllegalArgumentException for bad base58, a wrong length, a bad checksum or another prefix
     */
    public static byte[] decode(int expectedPrefix, String address) {
        Parsed parsed = parse(address);
        if (parsed.prefix != expectedPrefix) {
            throw new IllegalArgumentException("SS58 address " + address + " has network prefix " + parsed.prefix
                    + ", expected " + expectedPrefix);
        }
        return parsed.publicKey;
    }

    /**
     * The network prefix of a well-formed address (checksum verified).
     *
     * @throws IllegalArgumentException for bad base58, a wrong length or a bad checksum
     */
    public static int prefixOf(String address) {
        return parse(address).prefix;
    }

    /** Whether {@code address} is a well-formed address with the chain's prefix. Never throws. */
    public static boolean isValid(String address) {
        try {
            decode(address);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private record Parsed(int prefix, byte[] publicKey) {}

    private static Parsed parse(String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("empty SS58 address");
        }
        byte[] raw;
        try {
            raw = Base58.decode(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad SS58 address " + address + ": " + e.getMessage());
        }
        if (raw.length == 0) {
            throw new IllegalArgumentException("bad SS58 address " + address + ": empty");
        }
        int headLength = (raw[0] & 0x40) == 0 ? 1 : 2;
        int expected = headLength + Ed25519.PUBLIC_KEY_LENGTH + CHECKSUM_LENGTH;
        if ((raw[0] & 0x80) != 0 || raw.length != expected) {
            throw new IllegalArgumentException("bad SS58 address " + address + ": " + raw.length + " bytes, expected "
                    + expected + " for a 32-byte account key");
        }
        byte[] head = Arrays.copyOfRange(raw, 0, headLength);
        byte[] publicKey = Arrays.copyOfRange(raw, headLength, headLength + Ed25519.PUBLIC_KEY_LENGTH);
        byte[] checksum = Hashes.blake2b512(CONTEXT, head, publicKey);
        if (raw[expected - 2] != checksum[0] || raw[expected - 1] != checksum[1]) {
            throw new IllegalArgumentException("bad SS58 address " + address + ": checksum mismatch (mistyped?)");
        }
        int prefix = headLength == 1 ? raw[0] : twoBytePrefix(raw[0], raw[1]);
        if (headLength == 2 && prefix < 64) {
            throw new IllegalArgumentException(
                    "bad SS58 address " + address + ": prefix " + prefix + " written in the two-byte form");
        }
        return new Parsed(prefix, publicKey);
    }

    private static byte[] prefixBytes(int prefix) {
        if (prefix < 0 || prefix > MAX_PREFIX) {
            throw new IllegalArgumentException("SS58 prefix " + prefix + " outside 0.." + MAX_PREFIX);
        }
        if (prefix < 64) {
            return new byte[] {(byte) prefix};
        }
        // Substrate's two-byte form: the low 6 bits of the first byte are bits 2..7 of the prefix,
        // the second byte holds bits 0..1 (top) and bits 8..13 (low 6 bits).
        int first = ((prefix & 0b1111_1100) >> 2) | 0b0100_0000;
        int second = (prefix >> 8) | ((prefix & 0b11) << 6);
        return new byte[] {(byte) first, (byte) second};
    }

    private static int twoBytePrefix(byte b0, byte b1) {
        int lower = (((b0 & 0xFF) << 2) | ((b1 & 0xFF) >> 6)) & 0xFF;
        int upper = b1 & 0b0011_1111;
        return lower | (upper << 8);
    }
}

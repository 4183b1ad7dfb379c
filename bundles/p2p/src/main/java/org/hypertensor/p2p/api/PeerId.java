package org.hypertensor.p2p.api;

import java.util.Arrays;
import java.util.Optional;
import org.hypertensor.crypto.api.Base58;

/**
 * A libp2p peer id: the multihash of the peer's public key protobuf. Ed25519 keys are small enough to be
 * inlined (identity multihash {@code 00 24 ‖ 08 01 12 20 ‖ key}); the text form is base58btc
 * ({@code 12D3KooW…}). Ordered by bytes, so it can key sorted maps.
 */
public final class PeerId implements Comparable<PeerId> {

    private static final byte[] ED25519_PREFIX = {0x00, 0x24, 0x08, 0x01, 0x12, 0x20};

    private final byte[] bytes;

    private PeerId(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The peer id of an Ed25519 public key (32 bytes). */
    public static PeerId fromEd25519(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        byte[] b = Arrays.copyOf(ED25519_PREFIX, ED25519_PREFIX.length + 32);
        System.arraycopy(publicKey, 0, b, ED25519_PREFIX.length, 32);
        return new PeerId(b);
    }

    /** Parses multihash bytes: an identity multihash of at most 42 bytes, or a SHA-256 multihash. */
    public static PeerId fromBytes(byte[] bytes) {
        if (bytes.length >= 2 && bytes[0] == 0x00 && (bytes[1] & 0xFF) == bytes.length - 2 && bytes.length - 2 <= 42) {
            return new PeerId(bytes.clone());
        }
        if (bytes.length == 34 && bytes[0] == 0x12 && bytes[1] == 0x20) {
            return new PeerId(bytes.clone());
        }
        throw new IllegalArgumentException("not a peer id multihash (" + bytes.length + " bytes)");
    }

    /** Parses the base58btc text form. */
    public static PeerId parse(String text) {
        try {
            return fromBytes(Base58.decode(text.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a peer id: " + e.getMessage());
        }
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The Ed25519 public key inlined in this id, if it is one. */
    public Optional<byte[]> ed25519PublicKey() {
        if (bytes.length == ED25519_PREFIX.length + 32
                && Arrays.equals(bytes, 0, ED25519_PREFIX.length, ED25519_PREFIX, 0, ED25519_PREFIX.length)) {
            return Optional.of(Arrays.copyOfRange(bytes, ED25519_PREFIX.length, bytes.length));
        }
        return Optional.empty();
    }

    public String toBase58() {
        return Base58.encode(bytes);
    }

    /** The last six characters, for log lines. */
    public String shortString() {
        String s = toBase58();
        return "…" + s.substring(Math.max(0, s.length() - 6));
    }

    @Override
    public String toString() {
        return toBase58();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerId p && Arrays.equals(bytes, p.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(PeerId o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }
}

package org.hypertensor.crypto.api;

/**
 * libp2p peer ids of Ed25519 keys ({@code network.md}): the PublicKey protobuf
 * {@code 08 01 12 20 ‖ key} is at most 42 bytes, so the id is its identity multihash
 * {@code 00 24 ‖ protobuf}; the text form is base58btc ({@code 12D3KooW…}).
 */
public final class PeerIds {

    private static final byte[] PREFIX = {0x00, 0x24, 0x08, 0x01, 0x12, 0x20};

    private PeerIds() {}

    /** The 38 peer id bytes of an Ed25519 public key. */
    public static byte[] ed25519Bytes(byte[] publicKey32) {
        if (publicKey32 == null || publicKey32.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "an Ed25519 public key is 32 bytes, got " + (publicKey32 == null ? "none" : publicKey32.length));
        }
        byte[] id = new byte[PREFIX.length + publicKey32.length];
        System.arraycopy(PREFIX, 0, id, 0, PREFIX.length);
        System.arraycopy(publicKey32, 0, id, PREFIX.length, publicKey32.length);
        return id;
    }

    /**
     * The 38 bytes of a text peer id that is the identity multihash of a valid Ed25519 key (the only kind
     * the network admits).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static byte[] parseEd25519(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            throw new IllegalArgumentException("a peer id has 1..64 characters");
        }
        byte[] raw;
        try {
            raw = Base58.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("peer id '" + text + "' is not base58btc");
        }
        if (raw.length != PREFIX.length + Ed25519.PUBLIC_KEY_LENGTH
                || !java.util.Arrays.equals(raw, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            throw new IllegalArgumentException("peer id '" + text + "' is not an identity multihash of an Ed25519 key");
        }
        if (!Ed25519.isValidPublicKey(java.util.Arrays.copyOfRange(raw, PREFIX.length, raw.length))) {
            throw new IllegalArgumentException("peer id '" + text + "' holds an invalid Ed25519 key");
        }
        return raw;
    }

    /** The base58btc peer id text of an Ed25519 public key. */
    public static String ed25519(byte[] publicKey32) {
        return Base58.encode(ed25519Bytes(publicKey32));
    }
}

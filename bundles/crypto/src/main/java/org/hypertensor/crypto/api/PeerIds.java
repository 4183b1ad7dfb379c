package org.hypertensor.crypto.api;

/**
 * libp2p peer ids of Ed25519 keys ({@code network.md}): the PublicKey protobuf
 * {@code 08 01 12 20 ‖ key} is at most 42 bytes, so the id is its identity multihash
 * {@code 00 24 ‖ protobuf}; the text form is base58btc ({@code 12D3KooW…}).
 */
public final class PeerIds {

    private static final byte[] PREFIX = {0x00, 0x24, 0x08, 0x01, 0x12, 0x20};

    private PeerIds() {
    }

    /** The 38 peer id bytes of an Ed25519 public key. */
    public static byte[] ed25519Bytes(byte[] publicKey32) {
        if (publicKey32 == null || publicKey32.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got "
                    + (publicKey32 == null ? "none" : publicKey32.length));
        }
        byte[] id = new byte[PREFIX.length + publicKey32.length];
        System.arraycopy(PREFIX, 0, id, 0, PREFIX.length);
        System.arraycopy(publicKey32, 0, id, PREFIX.length, publicKey32.length);
        return id;
    }

    /** The base58btc peer id text of an Ed25519 public key. */
    public static String ed25519(byte[] publicKey32) {
        return Base58.encode(ed25519Bytes(publicKey32));
    }
}

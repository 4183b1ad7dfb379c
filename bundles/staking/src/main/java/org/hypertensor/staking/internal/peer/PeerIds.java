package org.hypertensor.staking.internal.peer;

import java.util.Arrays;

import org.hypertensor.crypto.api.Base58;
import org.hypertensor.crypto.api.Ed25519;

/**
 * libp2p Ed25519 peer ids ({@code network.md}): the identity multihash {@code 00 24} of the key protobuf
 * {@code 08 01 12 20 ‖ key}, in base58btc ({@code 12D3KooW…}). Only this form names an Ed25519 key.
 */
public final class PeerIds {

    private static final byte[] PREFIX = {0x00, 0x24, 0x08, 0x01, 0x12, 0x20};
    public static final int LENGTH = PREFIX.length + 32;

    private PeerIds() {
    }

    /** The raw 38 bytes of a valid peer id. @throws IllegalArgumentException saying what is wrong */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 64) {
            throw new IllegalArgumentException("peer id must be 1..64 characters");
        }
        byte[] raw;
        try {
            raw = Base58.decode(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("peer id '" + text + "' is not base58btc");
        }
        if (raw.length != LENGTH || !Arrays.equals(raw, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            throw new IllegalArgumentException("peer id '" + text + "' is not an identity multihash of an Ed25519 key");
        }
        byte[] key = Arrays.copyOfRange(raw, PREFIX.length, LENGTH);
        if (!Ed25519.isValidPublicKey(key)) {
            throw new IllegalArgumentException("peer id '" + text + "' holds an invalid Ed25519 key");
        }
        return raw;
    }

    /** The text peer id of an Ed25519 public key. */
    public static String of(byte[] publicKey32) {
        byte[] raw = Arrays.copyOf(PREFIX, LENGTH);
        System.arraycopy(publicKey32, 0, raw, PREFIX.length, 32);
        return Base58.encode(raw);
    }
}

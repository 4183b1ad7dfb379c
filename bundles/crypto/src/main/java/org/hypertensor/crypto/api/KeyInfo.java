package org.hypertensor.crypto.api;

import java.time.Instant;
import java.util.Objects;

/**
 * What the keystore tells about a key without its password: name, public key, address, when it
 * was stored and whether it is a development key.
 *
 * @param name the key's name in the store
 * @param publicKeyHex the 32-byte Ed25519 public key, lower-case hex
 * @param address the SS58 address (prefix 42)
 * @param created when the key file was written (informational only, never consensus input)
 * @param dev whether the key came from a development URI ({@code //Alice}, …); a chain not marked
 *     {@code dev} must not use it
 */
public record KeyInfo(String name, String publicKeyHex, String address, Instant created, boolean dev) {

    public KeyInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicKeyHex, "publicKeyHex");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(created, "created");
    }

    /** The 32-byte public key. */
    public byte[] publicKey() {
        return Hex.decode(publicKeyHex);
    }
}

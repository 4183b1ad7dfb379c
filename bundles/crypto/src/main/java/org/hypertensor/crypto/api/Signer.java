package org.hypertensor.crypto.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Something that signs with an Ed25519 key without handing the key out: a key pair, or a service that
 * owns one (the p2p host's identity).
 */
@ProviderType
public interface Signer {

    /** The 32-byte Ed25519 public key the signatures verify against. */
    byte[] publicKey();

    /** A 64-byte Ed25519 signature of {@code message}. */
    byte[] sign(byte[] message);
}

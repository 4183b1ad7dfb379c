package org.hypertensor.p2p.internal.identity;

import java.security.SecureRandom;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.p2p.api.PeerId;

/** The node's Ed25519 identity key: signs handshakes, peer records and gossip messages. */
public final class NodeKey implements Signer {

    private final Ed25519KeyPair pair;
    private final byte[] publicKey;
    private final PeerId peerId;

    private NodeKey(Ed25519KeyPair pair) {
        this.pair = pair;
        this.publicKey = pair.publicKey();
        this.peerId = PeerId.fromEd25519(publicKey);
    }

    public static NodeKey generate(SecureRandom random) {
        return new NodeKey(Ed25519KeyPair.generate(random));
    }

    public static NodeKey fromSeed(byte[] seed) {
        return new NodeKey(Ed25519KeyPair.fromSeed(seed));
    }

    public byte[] seed() {
        return pair.seed();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The libp2p PublicKey protobuf of this key. */
    public byte[] publicKeyProtobuf() {
        return KeyProtobuf.encodeEd25519(publicKey);
    }

    public PeerId peerId() {
        return peerId;
    }

    @Override
    public byte[] sign(byte[] message) {
        return pair.sign(message);
    }

    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        return Ed25519.verify(publicKey, message, signature);
    }
}

package org.hypertensor.dht.internal.osgi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.PeerIds;
import org.hypertensor.dht.internal.wire.MalformedMessageException;
import org.hypertensor.dht.internal.wire.Proto;
import org.hypertensor.p2p.api.PeerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's peer key, which signs DHT records and request envelopes so that peers can check them
 * against the peer id. It is the p2p host's identity file ({@code data/p2p/identity.key}, libp2p's
 * PrivateKey protobuf {@code Type=1 (Ed25519), Data=2 (seed ‖ public key)}); the p2p API does not
 * offer signing, so the file is read here and must match the host's peer id.
 */
final class NodeKeys {

    private static final Logger LOG = LoggerFactory.getLogger(NodeKeys.class);

    private NodeKeys() {
    }

    static Ed25519KeyPair load(Path identityFile, PeerId expected) {
        try {
            Ed25519KeyPair key = parse(Files.readAllBytes(identityFile));
            if (Arrays.equals(PeerIds.ed25519Bytes(key.publicKey()), expected.toBytes())) {
                return key;
            }
            LOG.warn("{} is not the key of peer {}: DHT records will be signed by a temporary key that peers cannot tie to this node",
                    identityFile, expected.shortString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot read the p2p identity key {} ({}): DHT records will be signed by a temporary key",
                    identityFile, e.getMessage());
        }
        return Ed25519KeyPair.generate(new SecureRandom());
    }

    static Ed25519KeyPair parse(byte[] protobuf) {
        Proto.Reader r = new Proto.Reader(protobuf);
        long type = -1;
        byte[] data = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = r.varint();
                case 2 -> data = r.bytes();
                default -> r.skip();
            }
        }
        if (type != 1 || data == null || (data.length != 64 && data.length != 32)) {
            throw new MalformedMessageException("not an Ed25519 libp2p private key");
        }
        return Ed25519KeyPair.fromSeed(Arrays.copyOf(data, 32));
    }
}

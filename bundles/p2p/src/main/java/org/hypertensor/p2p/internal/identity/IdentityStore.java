package org.hypertensor.p2p.internal.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.hypertensor.util.files.DurableFiles;
import org.hypertensor.util.proto.ProtoWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's identity key in a file (libp2p's PrivateKey protobuf, Ed25519 seed ‖ public key),
 * created with owner-only permissions on first start.
 */
public final class IdentityStore {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityStore.class);

    private IdentityStore() {}

    public static NodeKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return NodeKey.fromSeed(KeyProtobuf.decodeEd25519PrivateSeed(Files.readAllBytes(file)));
        }
        NodeKey key = NodeKey.generate(new SecureRandom());
        byte[] data = new byte[64];
        System.arraycopy(key.seed(), 0, data, 0, 32);
        System.arraycopy(key.publicKey(), 0, data, 32, 32);
        byte[] protobuf =
                new ProtoWriter().varint(1, KeyProtobuf.ED25519).bytes(2, data).toByteArray();
        DurableFiles.replace(file, protobuf, true);
        LOG.info("Created the node's p2p identity {} in {}", key.peerId(), file);
        return key;
    }
}

package org.hypertensor.dht.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.p2p.internal.identity.IdentityStore;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeKeysTest {

    @Test
    void readsThePeerKeyTheP2pHostWrote(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p2p/identity.key");
        NodeKey host = IdentityStore.loadOrCreate(file); // the p2p bundle's own writer of the file
        Ed25519KeyPair key = NodeKeys.load(file, host.peerId());
        assertArrayEquals(host.publicKey(), key.publicKey());

        Ed25519KeyPair other = NodeKeys.load(file, NodeKey.generate(new java.security.SecureRandom()).peerId());
        assertFalse(Arrays.equals(host.publicKey(), other.publicKey()), "a mismatch gives a temporary key, not the file's");
        Files.writeString(file, "garbage");
        assertFalse(Arrays.equals(host.publicKey(), NodeKeys.load(file, host.peerId()).publicKey()));
    }
}

package org.hypertensor.staking.internal.peer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.PeerIds;
import org.junit.jupiter.api.Test;

class MultiaddrsTest {

    private static final String PEER =
            PeerIds.ed25519(DevKeys.derive("//Alice//p2p").publicKey());

    @Test
    void accepts() {
        for (String a : new String[] {
            "/ip4/127.0.0.1/tcp/30333",
            "/ip4/10.0.0.1/udp/4001/quic-v1",
            "/ip6/::1/tcp/4001",
            "/dns4/node.example.org/tcp/443/wss",
            "/ip4/1.2.3.4/tcp/1/p2p/" + PEER
        }) {
            assertDoesNotThrow(() -> Multiaddrs.check(a, PEER), a);
        }
    }

    @Test
    void rejects() {
        for (String a : new String[] {
            "",
            "ip4/1.2.3.4/tcp/1",
            "/ip4/256.1.1.1/tcp/1",
            "/ip4/1.2.3.4/tcp/0",
            "/ip4/1.2.3.4/tcp/65536",
            "/ip4/1.2.3.4/tcp/01",
            "/ip4/1.2.3.4",
            "/ip4/1.2.3.4/sctp/1",
            "/onion3/x/tcp/1",
            "/ip4/1.2.3.4/tcp/1/",
            "/ip4/1.2.3.4/tcp/1/http",
            "/ip4/1.2.3.4/tcp/1/p2p/"
                    + PeerIds.ed25519(DevKeys.derive("//Bob//p2p").publicKey()),
            "/ip4/1.2.3.4/tcp/1/p2p/" + PEER + "/ws",
            "/" + "a".repeat(300)
        }) {
            assertThrows(IllegalArgumentException.class, () -> Multiaddrs.check(a, PEER), a);
        }
    }
}

package org.hypertensor.crypto.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeerIdsParseTest {

    @Test
    void ed25519PeerIdRoundTrips() {
        byte[] key = DevKeys.derive("//Alice//p2p").publicKey();
        String id = PeerIds.ed25519(key);
        assertTrue(id.startsWith("12D3KooW"), id);
        byte[] raw = PeerIds.parseEd25519(id);
        assertEquals(38, raw.length);
        assertArrayEquals(key, java.util.Arrays.copyOfRange(raw, 6, 38));
    }

    @Test
    void knownLibp2pPeerIdParses() {
        // a peer id printed by js-libp2p for an Ed25519 key
        PeerIds.parseEd25519("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
    }

    @Test
    void rejectsOtherForms() {
        assertThrows(IllegalArgumentException.class, () -> PeerIds.parseEd25519(""));
        assertThrows(IllegalArgumentException.class, () -> PeerIds.parseEd25519("not-base58-0OIl"));
        // a SHA-256 multihash (RSA-style "Qm…") is not an Ed25519 identity multihash
        byte[] sha = new byte[34];
        sha[0] = 0x12;
        sha[1] = 0x20;
        System.arraycopy(Hashes.sha256(new byte[] {1}), 0, sha, 2, 32);
        assertThrows(IllegalArgumentException.class, () -> PeerIds.parseEd25519(Base58.encode(sha)));
        // right prefix, but a point that is not on the curve
        byte[] bad = PeerIds.parseEd25519(
                        PeerIds.ed25519(DevKeys.derive("//Bob").publicKey()))
                .clone();
        bad[6] = 2;
        for (int i = 7; i < 38; i++) {
            bad[i] = (byte) 0xFF;
        }
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PeerIds.parseEd25519(Base58.encode(bad)));
        assertTrue(
                e.getMessage().contains("invalid Ed25519 key") || e.getMessage().contains("identity"), e.getMessage());
    }
}

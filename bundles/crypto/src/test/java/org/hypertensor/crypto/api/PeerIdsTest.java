package org.hypertensor.crypto.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeerIdsTest {

    @Test
    void ed25519PeerIdsAreIdentityMultihashes() {
        byte[] key = Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        byte[] id = PeerIds.ed25519Bytes(key);
        assertEquals("0024080112" + "20" + Hex.encode(key), Hex.encode(id));
        String text = PeerIds.ed25519(key);
        assertTrue(text.startsWith("12D3KooW"), text);
        assertEquals(Hex.encode(id), Hex.encode(Base58.decode(text)));
    }
}

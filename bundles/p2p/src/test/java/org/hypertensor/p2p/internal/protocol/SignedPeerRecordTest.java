package org.hypertensor.p2p.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.List;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.util.proto.MalformedInputException;
import org.junit.jupiter.api.Test;

/** Signed peer records open to what was sealed, and refuse any change. */
class SignedPeerRecordTest {

    @Test
    void roundTripAndTampering() {
        NodeKey key = NodeKey.generate(new SecureRandom());
        List<Multiaddr> addrs =
                List.of(Multiaddr.parse("/ip4/10.1.2.3/tcp/4001"), Multiaddr.parse("/dns4/a.example/tcp/1"));
        byte[] envelope = SignedPeerRecord.create(key, 42, addrs);
        SignedPeerRecord.Record r = SignedPeerRecord.open(envelope);
        assertEquals(key.peerId(), r.peer());
        assertEquals(42, r.seq());
        assertEquals(addrs, r.addresses());
        for (int i = 0; i < envelope.length; i++) {
            byte[] bad = envelope.clone();
            bad[i] ^= 1;
            int at = i;
            assertThrows(RuntimeException.class, () -> {
                SignedPeerRecord.Record t = SignedPeerRecord.open(bad);
                // a flip that still decodes must not yield the same, validly signed content
                if (t.seq() == 42 && t.addresses().equals(addrs) && t.peer().equals(key.peerId())) {
                    throw new AssertionError("tampered byte " + at + " went unnoticed");
                }
                throw new MalformedInputException("changed content");
            });
        }
    }
}

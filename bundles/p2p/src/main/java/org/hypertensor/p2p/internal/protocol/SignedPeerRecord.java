package org.hypertensor.p2p.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.identity.KeyProtobuf;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;
import org.hypertensor.util.proto.Varint;

/**
 * libp2p's signed peer record: an Envelope {@code {public_key=1, payload_type=2, payload=3, signature=5}}
 * whose payload is a PeerRecord {@code {peer_id=1, seq=2, addresses=3 {multiaddr=1}}}, signed over
 * {@code LP("libp2p-peer-record") ‖ LP(payload_type) ‖ LP(payload)}.
 */
public final class SignedPeerRecord {

    private static final byte[] DOMAIN = "libp2p-peer-record".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAYLOAD_TYPE = {0x03, 0x01};

    /** A verified record: whose, which version, and its addresses. */
    public record Record(PeerId peer, long seq, List<Multiaddr> addresses) {}

    private SignedPeerRecord() {}

    public static byte[] create(NodeKey key, long seq, List<Multiaddr> addresses) {
        ProtoWriter record = new ProtoWriter().bytes(1, key.peerId().toBytes()).varint(2, seq);
        for (Multiaddr a : addresses) {
            record.message(3, new ProtoWriter().bytes(1, a.withoutPeerId().toBytes()));
        }
        byte[] payload = record.toByteArray();
        byte[] signature = key.sign(signedBytes(PAYLOAD_TYPE, payload));
        return new ProtoWriter()
                .bytes(1, key.publicKeyProtobuf())
                .bytes(2, PAYLOAD_TYPE)
                .bytes(3, payload)
                .bytes(5, signature)
                .toByteArray();
    }

    /**
     * Opens and verifies an envelope.
     *
     * @throws MalformedInputException when it does not decode, is not a peer record, or the signature or
     *         peer id does not match the key
     */
    public static Record open(byte[] envelope) {
        ProtoReader r = new ProtoReader(envelope);
        byte[] key = null;
        byte[] type = null;
        byte[] payload = null;
        byte[] sig = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = r.bytes();
                case 2 -> type = r.bytes();
                case 3 -> payload = r.bytes();
                case 5 -> sig = r.bytes();
                default -> r.skip();
            }
        }
        if (key == null || payload == null || sig == null || !Arrays.equals(type, PAYLOAD_TYPE)) {
            throw new MalformedInputException("not a signed peer record");
        }
        byte[] pub = KeyProtobuf.decodeEd25519Public(key);
        if (!NodeKey.verify(pub, signedBytes(type, payload), sig)) {
            throw new MalformedInputException("peer record signature does not verify");
        }
        ProtoReader p = new ProtoReader(payload);
        PeerId peer = null;
        long seq = 0;
        List<Multiaddr> addrs = new ArrayList<>();
        while (p.next()) {
            switch (p.field()) {
                case 1 -> peer = PeerId.fromBytes(p.bytes());
                case 2 -> seq = p.varint();
                case 3 -> {
                    ProtoReader a = new ProtoReader(p.bytes());
                    while (a.next()) {
                        if (a.field() == 1) {
                            addrs.add(Multiaddr.fromBytes(a.bytes()));
                        } else {
                            a.skip();
                        }
                    }
                }
                default -> p.skip();
            }
        }
        if (peer == null || !peer.equals(PeerId.fromEd25519(pub))) {
            throw new MalformedInputException("peer record's peer id does not match its key");
        }
        return new Record(peer, seq, List.copyOf(addrs));
    }

    private static byte[] signedBytes(byte[] type, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : new byte[][] {DOMAIN, type, payload}) {
            out.writeBytes(Varint.encode(part.length));
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

package org.hypertensor.p2p.internal.gossip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.identity.KeyProtobuf;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * A pubsub Message {@code {from=1, data=2, seqno=3, topic=4, signature=5, key=6}}. StrictSign: signed
 * with Ed25519 over {@code "libp2p-pubsub:" ‖ the message without fields 5 and 6}; its id is
 * {@code from ‖ seqno}, as js-libp2p and go-libp2p compute it.
 */
record WireMessage(byte[] from, byte[] data, byte[] seqno, String topic, byte[] signature, byte[] key) {

    private static final byte[] SIGN_PREFIX = "libp2p-pubsub:".getBytes(StandardCharsets.US_ASCII);

    static WireMessage signed(NodeKey key, byte[] data, byte[] seqno, String topic) {
        WireMessage unsigned = new WireMessage(key.peerId().toBytes(), data, seqno, topic, null, null);
        return new WireMessage(unsigned.from, data, seqno, topic, key.sign(unsigned.signedBytes()), null);
    }

    byte[] encode() {
        return new ProtoWriter()
                .bytes(1, from)
                .bytes(2, data)
                .bytes(3, seqno)
                .string(4, topic)
                .bytes(5, signature)
                .bytes(6, key)
                .toByteArray();
    }

    static WireMessage decode(byte[] bytes) {
        ProtoReader r = new ProtoReader(bytes);
        byte[] from = null;
        byte[] data = null;
        byte[] seqno = null;
        String topic = null;
        byte[] sig = null;
        byte[] key = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> from = r.bytes();
                case 2 -> data = r.bytes();
                case 3 -> seqno = r.bytes();
                case 4 -> topic = r.string();
                case 5 -> sig = r.bytes();
                case 6 -> key = r.bytes();
                default -> r.skip();
            }
        }
        return new WireMessage(from, data == null ? new byte[0] : data, seqno, topic, sig, key);
    }

    private byte[] signedBytes() {
        byte[] body = new ProtoWriter()
                .bytes(1, from)
                .bytes(2, data)
                .bytes(3, seqno)
                .string(4, topic)
                .toByteArray();
        byte[] out = Arrays.copyOf(SIGN_PREFIX, SIGN_PREFIX.length + body.length);
        System.arraycopy(body, 0, out, SIGN_PREFIX.length, body.length);
        return out;
    }

    /**
     * Checks StrictSign: author, 8-byte seqno, topic and a valid signature by the author's key.
     *
     * @throws MalformedInputException saying what is wrong
     */
    PeerId verify() {
        if (from == null || seqno == null || seqno.length != 8 || topic == null || signature == null) {
            throw new MalformedInputException("unsigned or incomplete message");
        }
        PeerId author = PeerId.fromBytes(from);
        byte[] pub = author.ed25519PublicKey().orElseGet(() -> {
            if (key == null) {
                throw new MalformedInputException("message key missing");
            }
            byte[] k = KeyProtobuf.decodeEd25519Public(key);
            if (!PeerId.fromEd25519(k).equals(author)) {
                throw new MalformedInputException("message key does not match its author");
            }
            return k;
        });
        if (!NodeKey.verify(pub, signedBytes(), signature)) {
            throw new MalformedInputException("message signature does not verify");
        }
        return author;
    }

    MessageId id() {
        byte[] f = from == null ? new byte[0] : from;
        byte[] s = seqno == null ? new byte[0] : seqno;
        byte[] id = Arrays.copyOf(f, f.length + s.length);
        System.arraycopy(s, 0, id, f.length, s.length);
        return new MessageId(id);
    }
}

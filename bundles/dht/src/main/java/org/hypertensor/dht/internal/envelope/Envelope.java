package org.hypertensor.dht.internal.envelope;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * A request or response of the node's own protocols, signed by its sender:
 * {@code Envelope { payload=1, nonce=2 (16 bytes), timestampMillis=3, signature=4 }}. The signature
 * (Ed25519 by the sender's peer key) covers a domain tag, the protocol id, the payload, the nonce and the
 * timestamp, so an envelope cannot be moved to another protocol.
 */
public record Envelope(byte[] payload, byte[] nonce, long timestampMillis, byte[] signature) {

    public static final int NONCE_BYTES = 16;
    private static final byte[] DOMAIN = "hypertensor-request:".getBytes(StandardCharsets.US_ASCII);

    public static byte[] signedBytes(String protocol, byte[] payload, byte[] nonce, long timestampMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(DOMAIN);
        for (byte[] part : new byte[][] {protocol.getBytes(StandardCharsets.UTF_8), payload, nonce}) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(part.length).array());
            out.writeBytes(part);
        }
        out.writeBytes(ByteBuffer.allocate(8).putLong(timestampMillis).array());
        return out.toByteArray();
    }

    public byte[] encode() {
        return new ProtoWriter()
                .bytes(1, payload)
                .bytes(2, nonce)
                .varint(3, timestampMillis)
                .bytes(4, signature)
                .toByteArray();
    }

    public static Envelope decode(byte[] data) {
        ProtoReader r = new ProtoReader(data);
        byte[] payload = new byte[0];
        byte[] nonce = null;
        long ts = -1;
        byte[] signature = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> payload = r.bytes();
                case 2 -> nonce = r.bytes();
                case 3 -> ts = r.varint();
                case 4 -> signature = r.bytes();
                default -> r.skip();
            }
        }
        if (nonce == null || nonce.length != NONCE_BYTES) {
            throw new MalformedInputException("envelope without a " + NONCE_BYTES + "-byte nonce");
        }
        if (ts < 0 || signature == null) {
            throw new MalformedInputException("envelope without " + (ts < 0 ? "timestamp" : "signature"));
        }
        return new Envelope(payload, nonce, ts, signature);
    }
}

package org.hypertensor.p2p.internal.noise;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/**
 * libp2p's NoiseHandshakePayload: {@code identity_key = 1}, {@code identity_sig = 2},
 * {@code extensions = 4} with {@code stream_muxers = 2} (early muxer negotiation).
 */
public record HandshakePayload(byte[] identityKey, byte[] identitySignature, List<String> streamMuxers) {

    public byte[] encode() {
        ProtoWriter ext = new ProtoWriter();
        for (String m : streamMuxers) {
            ext.string(2, m);
        }
        ProtoWriter w = new ProtoWriter().bytes(1, identityKey).bytes(2, identitySignature);
        if (!streamMuxers.isEmpty()) {
            w.message(4, ext);
        }
        return w.toByteArray();
    }

    public static HandshakePayload decode(byte[] data) {
        ProtoReader r = new ProtoReader(data);
        byte[] key = null;
        byte[] sig = null;
        List<String> muxers = new ArrayList<>();
        while (r.next()) {
            switch (r.field()) {
                case 1 -> key = r.bytes();
                case 2 -> sig = r.bytes();
                case 4 -> {
                    ProtoReader e = new ProtoReader(r.bytes());
                    while (e.next()) {
                        if (e.field() == 2) {
                            muxers.add(e.string());
                        } else {
                            e.skip();
                        }
                    }
                }
                default -> r.skip();
            }
        }
        return new HandshakePayload(key, sig, List.copyOf(muxers));
    }
}

package org.hypertensor.p2p.internal.identity;

import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.ProtoReader;
import org.hypertensor.util.proto.ProtoWriter;

/** libp2p's key protobufs {@code {Type = 1, Data = 2}}; only Ed25519 (type 1) is accepted. */
public final class KeyProtobuf {

    public static final int ED25519 = 1;

    private KeyProtobuf() {}

    public static byte[] encodeEd25519(byte[] key) {
        return new ProtoWriter().varint(1, ED25519).bytes(2, key).toByteArray();
    }

    /** The 32-byte Ed25519 key inside a PublicKey protobuf. */
    public static byte[] decodeEd25519Public(byte[] protobuf) {
        return decode(protobuf, 32);
    }

    /** The 32-byte seed inside a PrivateKey protobuf (whose data is seed ‖ public key). */
    public static byte[] decodeEd25519PrivateSeed(byte[] protobuf) {
        byte[] data = decode(protobuf, 64);
        byte[] seed = new byte[32];
        System.arraycopy(data, 0, seed, 0, 32);
        return seed;
    }

    private static byte[] decode(byte[] protobuf, int length) {
        ProtoReader r = new ProtoReader(protobuf);
        long type = -1;
        byte[] data = null;
        while (r.next()) {
            switch (r.field()) {
                case 1 -> type = r.varint();
                case 2 -> data = r.bytes();
                default -> r.skip();
            }
        }
        if (type != ED25519) {
            throw new MalformedInputException("unsupported key type " + type + " (only Ed25519)");
        }
        if (data == null || data.length != length) {
            throw new MalformedInputException("Ed25519 key of wrong length");
        }
        return data;
    }
}

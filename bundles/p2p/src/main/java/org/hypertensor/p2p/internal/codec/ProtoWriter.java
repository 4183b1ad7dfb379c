package org.hypertensor.p2p.internal.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the few protobuf encodings libp2p needs (varint and length-delimited fields). */
public final class ProtoWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ProtoWriter varint(int field, long value) {
        tag(field, 0);
        raw(Varint.encode(value));
        return this;
    }

    public ProtoWriter bool(int field, boolean value) {
        return varint(field, value ? 1 : 0);
    }

    public ProtoWriter bytes(int field, byte[] value) {
        if (value == null) {
            return this;
        }
        tag(field, 2);
        raw(Varint.encode(value.length));
        raw(value);
        return this;
    }

    public ProtoWriter string(int field, String value) {
        return value == null ? this : bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    private void tag(int field, int wireType) {
        raw(Varint.encode(((long) field << 3) | wireType));
    }

    private void raw(byte[] b) {
        out.write(b, 0, b.length);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}

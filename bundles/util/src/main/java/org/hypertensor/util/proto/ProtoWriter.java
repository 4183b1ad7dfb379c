package org.hypertensor.util.proto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf fields in the order called (varint, length-delimited and 32/64-bit fixed fields). */
public final class ProtoWriter {

    public static final int VARINT = 0;
    public static final int I64 = 1;
    public static final int LEN = 2;
    public static final int I32 = 5;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        raw(Varint.encode(value));
        return this;
    }

    public ProtoWriter bool(int field, boolean value) {
        return varint(field, value ? 1 : 0);
    }

    /** A length-delimited field; nothing is written for {@code null} (an absent optional field). */
    public ProtoWriter bytes(int field, byte[] value) {
        if (value == null) {
            return this;
        }
        tag(field, LEN);
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

    /** A {@code fixed32}/{@code float} field, little-endian. */
    public ProtoWriter fixed32(int field, int value) {
        tag(field, I32);
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
        return this;
    }

    /** A {@code fixed64}/{@code double} field, little-endian. */
    public ProtoWriter fixed64(int field, long value) {
        tag(field, I64);
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    private void tag(int field, int wireType) {
        if (field <= 0 || field > (1 << 29) - 1) {
            throw new IllegalArgumentException("protobuf field number out of range: " + field);
        }
        raw(Varint.encode(((long) field << 3) | wireType));
    }

    private void raw(byte[] b) {
        out.write(b, 0, b.length);
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}

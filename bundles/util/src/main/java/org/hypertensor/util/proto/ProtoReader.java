package org.hypertensor.util.proto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads protobuf fields one at a time: {@link #next()}, then the value accessor that matches the field (or
 * {@link #skip()}). Unknown fields are skipped, as protobuf requires; anything that does not decode throws
 * {@link MalformedInputException}.
 */
public final class ProtoReader {

    private final byte[] data;
    private final int[] pos = {0};
    private int field;
    private int wireType;

    public ProtoReader(byte[] data) {
        this.data = data;
    }

    /** Advances to the next field; false at the end. */
    public boolean next() {
        if (pos[0] >= data.length) {
            return false;
        }
        long tag = Varint.read(data, pos);
        if (tag >>> 3 == 0 || tag >>> 3 > Integer.MAX_VALUE) {
            throw new MalformedInputException("bad protobuf field number");
        }
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        return true;
    }

    public int field() {
        return field;
    }

    public int wireType() {
        return wireType;
    }

    public long varint() {
        expect(ProtoWriter.VARINT);
        return Varint.read(data, pos);
    }

    public boolean bool() {
        return varint() != 0;
    }

    /** A varint that must fit a non-negative int (an enum, a count). */
    public int int32() {
        long v = varint();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new MalformedInputException("protobuf field " + field + " out of range");
        }
        return (int) v;
    }

    public byte[] bytes() {
        expect(ProtoWriter.LEN);
        long len = Varint.read(data, pos);
        if (len < 0 || len > data.length - pos[0]) {
            throw new MalformedInputException("protobuf field " + field + " is longer than its message");
        }
        byte[] out = Arrays.copyOfRange(data, pos[0], pos[0] + (int) len);
        pos[0] += (int) len;
        return out;
    }

    public String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    public int fixed32() {
        expect(ProtoWriter.I32);
        advance(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (data[pos[0] - 4 + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    public long fixed64() {
        expect(ProtoWriter.I64);
        advance(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (long) (data[pos[0] - 8 + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    /** Skips the current field's value. */
    public void skip() {
        switch (wireType) {
            case ProtoWriter.VARINT -> Varint.read(data, pos);
            case ProtoWriter.I64 -> advance(8);
            case ProtoWriter.LEN -> bytes();
            case ProtoWriter.I32 -> advance(4);
            default ->
                throw new MalformedInputException("unsupported protobuf wire type " + wireType + " in field " + field);
        }
    }

    private void advance(int n) {
        if (data.length - pos[0] < n) {
            throw new MalformedInputException("truncated protobuf field " + field);
        }
        pos[0] += n;
    }

    private void expect(int type) {
        if (wireType != type) {
            throw new MalformedInputException(
                    "protobuf field " + field + " has wire type " + wireType + ", expected " + type);
        }
    }
}

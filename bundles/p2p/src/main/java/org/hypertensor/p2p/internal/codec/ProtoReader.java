package org.hypertensor.p2p.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads protobuf fields one at a time. Unknown fields are skipped, as protobuf requires; anything that
 * does not decode throws {@link MalformedInputException}.
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
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field <= 0 || tag >>> 3 > Integer.MAX_VALUE) {
            throw new MalformedInputException("bad protobuf field number");
        }
        return true;
    }

    public int field() {
        return field;
    }

    public long varint() {
        expect(0);
        return Varint.read(data, pos);
    }

    public boolean bool() {
        return varint() != 0;
    }

    public byte[] bytes() {
        expect(2);
        long len = Varint.read(data, pos);
        if (len > data.length - pos[0]) {
            throw new MalformedInputException("protobuf field longer than its message");
        }
        byte[] out = Arrays.copyOfRange(data, pos[0], pos[0] + (int) len);
        pos[0] += (int) len;
        return out;
    }

    public String string() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** Skips the current field's value. */
    public void skip() {
        switch (wireType) {
            case 0 -> Varint.read(data, pos);
            case 1 -> advance(8);
            case 2 -> bytes();
            case 5 -> advance(4);
            default -> throw new MalformedInputException("unsupported protobuf wire type " + wireType);
        }
    }

    private void advance(int n) {
        if (data.length - pos[0] < n) {
            throw new MalformedInputException("truncated protobuf field");
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

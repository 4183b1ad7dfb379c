package org.hypertensor.dht.internal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The protobuf subset the DHT's messages use (varint and length-delimited fields), with uvarints as
 * libp2p frames them. Decoding is strict: truncated input, over-long varints, unsupported wire types
 * and lengths past the end are refused with {@link MalformedMessageException}.
 */
public final class Proto {

    public static final int VARINT = 0;
    public static final int I64 = 1;
    public static final int LEN = 2;
    public static final int I32 = 5;

    private Proto() {}

    /** Unsigned LEB128 of {@code value} (treated as unsigned 64-bit). */
    public static byte[] uvarint(long value) {
        byte[] out = new byte[10];
        int n = 0;
        while ((value & ~0x7FL) != 0) {
            out[n++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[n++] = (byte) value;
        return Arrays.copyOf(out, n);
    }

    /** Writes fields in the order called. */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Writer varint(int field, long value) {
            out.writeBytes(uvarint((long) field << 3 | VARINT));
            out.writeBytes(uvarint(value));
            return this;
        }

        public Writer bytes(int field, byte[] value) {
            out.writeBytes(uvarint((long) field << 3 | LEN));
            out.writeBytes(uvarint(value.length));
            out.writeBytes(value);
            return this;
        }

        public Writer string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Reads fields one at a time: {@code while (r.next()) switch (r.field()) …}. */
    public static final class Reader {
        private final byte[] data;
        private int pos;
        private int field;
        private int wireType;

        public Reader(byte[] data) {
            this.data = data;
        }

        /** Advances to the next field; false at the end of the input. */
        public boolean next() {
            if (pos == data.length) {
                return false;
            }
            long tag = readVarint();
            field = (int) (tag >>> 3);
            wireType = (int) (tag & 7);
            if (field <= 0 || tag >>> 3 > 0x1FFFFFFFL) {
                throw new MalformedMessageException("bad field number " + (tag >>> 3));
            }
            return true;
        }

        public int field() {
            return field;
        }

        public int wireType() {
            return wireType;
        }

        public long varint() {
            expect(VARINT);
            return readVarint();
        }

        /** A varint that must fit a non-negative int, e.g. an enum. */
        public int int32() {
            long v = varint();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new MalformedMessageException("field " + field + " out of range");
            }
            return (int) v;
        }

        public byte[] bytes() {
            expect(LEN);
            long len = readVarint();
            if (len < 0 || len > data.length - pos) {
                throw new MalformedMessageException("field " + field + " is longer than the message");
            }
            byte[] out = Arrays.copyOfRange(data, pos, pos + (int) len);
            pos += (int) len;
            return out;
        }

        public String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        /** Skips a field this decoder does not know (forward compatibility, as protobuf requires). */
        public void skip() {
            switch (wireType) {
                case VARINT -> readVarint();
                case LEN -> bytes();
                case I64 -> advance(8);
                case I32 -> advance(4);
                default ->
                    throw new MalformedMessageException("unsupported wire type " + wireType + " in field " + field);
            }
        }

        private void expect(int type) {
            if (wireType != type) {
                throw new MalformedMessageException(
                        "field " + field + " has wire type " + wireType + ", expected " + type);
            }
        }

        private void advance(int n) {
            if (n > data.length - pos) {
                throw new MalformedMessageException("truncated field " + field);
            }
            pos += n;
        }

        private long readVarint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos == data.length) {
                    throw new MalformedMessageException("truncated varint");
                }
                byte b = data[pos++];
                if (shift == 63 && (b & 0xFE) != 0) {
                    throw new MalformedMessageException("varint overflows 64 bits");
                }
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new MalformedMessageException("varint longer than 10 bytes");
        }
    }
}

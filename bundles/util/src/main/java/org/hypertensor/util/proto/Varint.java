package org.hypertensor.util.proto;

/**
 * Unsigned LEB128 varints as protobuf and libp2p write them: values are unsigned 64-bit, at most 10 bytes,
 * and decoding refuses non-minimal or over-long encodings.
 */
public final class Varint {

    /** The most bytes an unsigned 64-bit varint takes. */
    public static final int MAX_BYTES = 10;

    private Varint() {}

    /** Bytes {@code value} (unsigned) takes. */
    public static int size(long value) {
        int n = 1;
        while ((value >>>= 7) != 0) {
            n++;
        }
        return n;
    }

    public static byte[] encode(long value) {
        byte[] out = new byte[size(value)];
        write(value, out, 0);
        return out;
    }

    /** Writes {@code value} (unsigned) at {@code offset}; returns the offset after it. */
    public static int write(long value, byte[] out, int offset) {
        while ((value & ~0x7FL) != 0) {
            out[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[offset++] = (byte) value;
        return offset;
    }

    /**
     * Reads a complete varint from {@code data} at {@code pos[0]}, advancing it.
     *
     * @throws MalformedInputException when truncated, longer than {@link #MAX_BYTES}, past 64 bits or not minimal
     */
    public static long read(byte[] data, int[] pos) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (pos[0] >= data.length) {
                throw new MalformedInputException("truncated varint");
            }
            int b = data[pos[0]++] & 0xFF;
            if (i == MAX_BYTES - 1 && b > 1) {
                throw new MalformedInputException("varint past 64 bits");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new MalformedInputException("non-minimal varint");
                }
                return value;
            }
        }
        throw new MalformedInputException("varint longer than " + MAX_BYTES + " bytes");
    }
}

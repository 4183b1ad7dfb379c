package org.hypertensor.p2p.internal.codec;

import io.netty.buffer.ByteBuf;

/** Unsigned LEB128 varints (libp2p's uvarint), limited to 63 bits as every libp2p length is. */
public final class Varint {

    /** The most bytes a 63-bit varint takes. */
    public static final int MAX_BYTES = 9;

    /** Marks "not enough bytes yet" in {@link #peek}. */
    public static final long INCOMPLETE = -1;

    private Varint() {}

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

    /** Writes {@code value} at {@code offset}; returns the offset after it. */
    public static int write(long value, byte[] out, int offset) {
        if (value < 0) {
            throw new IllegalArgumentException("negative varint");
        }
        while ((value & ~0x7FL) != 0) {
            out[offset++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[offset++] = (byte) value;
        return offset;
    }

    public static void write(long value, ByteBuf out) {
        if (value < 0) {
            throw new IllegalArgumentException("negative varint");
        }
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    /**
     * Reads a varint without consuming it: returns the value, or {@link #INCOMPLETE} when the buffer
     * ends first. Sets {@code lengthOut[0]} to the number of bytes it took.
     *
     * @throws MalformedInputException when it is longer than {@link #MAX_BYTES} or not minimal
     */
    public static long peek(ByteBuf in, int[] lengthOut) {
        long value = 0;
        int index = in.readerIndex();
        for (int i = 0; i < MAX_BYTES; i++) {
            if (index + i >= in.writerIndex()) {
                return INCOMPLETE;
            }
            int b = in.getByte(index + i) & 0xFF;
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw new MalformedInputException("non-minimal varint");
                }
                lengthOut[0] = i + 1;
                return value;
            }
        }
        throw new MalformedInputException("varint longer than " + MAX_BYTES + " bytes");
    }

    /** Reads a complete varint from {@code data} at {@code pos[0]}, advancing it. */
    public static long read(byte[] data, int[] pos) {
        long value = 0;
        for (int i = 0; i < MAX_BYTES; i++) {
            if (pos[0] >= data.length) {
                throw new MalformedInputException("truncated varint");
            }
            int b = data[pos[0]++] & 0xFF;
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

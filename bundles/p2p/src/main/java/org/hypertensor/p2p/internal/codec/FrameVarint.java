package org.hypertensor.p2p.internal.codec;

import io.netty.buffer.ByteBuf;
import org.hypertensor.util.proto.MalformedInputException;

/**
 * Varint length prefixes on Netty buffers (libp2p's uvarint framing), limited to 63 bits as every libp2p length is;
 * byte-array varints are {@link org.hypertensor.util.proto.Varint}.
 */
public final class FrameVarint {

    /** The most bytes a 63-bit varint takes. */
    public static final int MAX_BYTES = 9;

    /** Marks "not enough bytes yet" in {@link #peek}. */
    public static final long INCOMPLETE = -1;

    private FrameVarint() {}

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
}

package org.hypertensor.p2p.internal.multistream;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import org.hypertensor.p2p.internal.codec.FrameVarint;
import org.hypertensor.util.proto.MalformedInputException;
import org.hypertensor.util.proto.Varint;

/** multistream-select 1.0 messages: {@code uvarint(length) ‖ utf-8 text ‖ '\n'}. */
public final class MultistreamCodec {

    public static final String HEADER = "/multistream/1.0.0";
    public static final String NA = "na";
    /** Protocol ids are at most 1024 bytes; the newline makes 1025. */
    public static final int MAX_MESSAGE = 1025;

    private MultistreamCodec() {}

    public static byte[] encode(String... messages) {
        int size = 0;
        byte[][] texts = new byte[messages.length][];
        for (int i = 0; i < messages.length; i++) {
            texts[i] = (messages[i] + "\n").getBytes(StandardCharsets.UTF_8);
            if (texts[i].length > MAX_MESSAGE) {
                throw new IllegalArgumentException("protocol id longer than 1024 bytes");
            }
            size += Varint.size(texts[i].length) + texts[i].length;
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (byte[] t : texts) {
            pos = Varint.write(t.length, out, pos);
            System.arraycopy(t, 0, out, pos, t.length);
            pos += t.length;
        }
        return out;
    }

    /** The next complete message, consumed from {@code in}; null when more bytes are needed. */
    public static String decode(ByteBuf in) {
        int[] len = new int[1];
        long length = FrameVarint.peek(in, len);
        if (length == FrameVarint.INCOMPLETE) {
            return null;
        }
        if (length > MAX_MESSAGE || length == 0) {
            throw new MalformedInputException("multistream message of " + length + " bytes");
        }
        if (in.readableBytes() < len[0] + length) {
            return null;
        }
        in.skipBytes(len[0]);
        byte[] body = new byte[(int) length];
        in.readBytes(body);
        return text(body, body.length);
    }

    /** Decodes one message body (with its newline) as read from a stream. */
    public static String text(byte[] body, int length) {
        if (length == 0 || body[length - 1] != '\n') {
            throw new MalformedInputException("multistream message without its newline");
        }
        return new String(body, 0, length - 1, StandardCharsets.UTF_8);
    }
}

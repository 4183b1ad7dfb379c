package org.hypertensor.p2p.internal.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** The yamux 12-byte header: {@code version(0) | type | flags (u16) | stream id (u32) | length (u32)}, big-endian. */
final class YamuxFrame {

    static final int HEADER = 12;
    static final int DATA = 0;
    static final int WINDOW_UPDATE = 1;
    static final int PING = 2;
    static final int GO_AWAY = 3;
    static final int SYN = 1;
    static final int ACK = 2;
    static final int FIN = 4;
    static final int RST = 8;
    /** GoAway codes. */
    static final int NORMAL = 0;

    static final int PROTOCOL_ERROR = 1;
    static final int INTERNAL_ERROR = 2;

    private YamuxFrame() {}

    static ByteBuf header(ByteBufAllocator alloc, int type, int flags, int streamId, long length, int extra) {
        ByteBuf b = alloc.heapBuffer(HEADER + extra);
        b.writeByte(0);
        b.writeByte(type);
        b.writeShort(flags);
        b.writeInt(streamId);
        b.writeInt((int) length);
        return b;
    }

    static String typeName(int type) {
        return switch (type) {
            case DATA -> "data";
            case WINDOW_UPDATE -> "window-update";
            case PING -> "ping";
            case GO_AWAY -> "go-away";
            default -> "type " + type;
        };
    }
}

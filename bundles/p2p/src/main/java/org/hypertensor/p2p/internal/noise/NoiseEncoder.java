package org.hypertensor.p2p.internal.noise;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.ArrayList;
import java.util.List;

/**
 * Outbound Noise transport messages. Writes are gathered until the flush and then sealed in messages of
 * at most 65519 plaintext bytes, so many small yamux frames cost one Noise message, not one each.
 */
public final class NoiseEncoder extends ChannelOutboundHandlerAdapter {

    public static final int MAX_PLAINTEXT = 65535 - CipherState.TAG;
    private static final byte[] NO_AD = new byte[0];

    private final CipherState cipher;
    private CompositeByteBuf pending;
    private final List<ChannelPromise> promises = new ArrayList<>();

    public NoiseEncoder(CipherState cipher) {
        this.cipher = cipher;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.write(msg, promise);
            return;
        }
        if (pending == null) {
            pending = ctx.alloc().compositeHeapBuffer(Integer.MAX_VALUE);
        }
        pending.addComponent(true, buf);
        if (!promise.isVoid()) {
            promises.add(promise);
        }
        if (pending.readableBytes() >= 4 * MAX_PLAINTEXT) {
            seal(ctx);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        seal(ctx);
        ctx.flush();
    }

    private void seal(ChannelHandlerContext ctx) {
        if (pending == null || !pending.isReadable()) {
            return;
        }
        CompositeByteBuf data = pending;
        pending = null;
        List<ChannelPromise> done = new ArrayList<>(promises);
        promises.clear();
        try {
            byte[] plain = new byte[Math.min(data.readableBytes(), MAX_PLAINTEXT)];
            ChannelPromise last = null;
            while (data.isReadable()) {
                int n = Math.min(data.readableBytes(), MAX_PLAINTEXT);
                data.readBytes(plain, 0, n);
                ByteBuf frame = ctx.alloc().heapBuffer(2 + n + CipherState.TAG);
                byte[] arr = frame.array();
                int off = frame.arrayOffset();
                arr[off] = (byte) ((n + CipherState.TAG) >> 8);
                arr[off + 1] = (byte) (n + CipherState.TAG);
                cipher.encrypt(NO_AD, plain, 0, n, arr, off + 2);
                frame.writerIndex(2 + n + CipherState.TAG);
                last = ctx.newPromise();
                ctx.write(frame, last);
            }
            if (last != null && !done.isEmpty()) {
                last.addListener(f -> {
                    for (ChannelPromise p : done) {
                        if (f.isSuccess()) {
                            p.trySuccess();
                        } else {
                            p.tryFailure(f.cause());
                        }
                    }
                });
            }
        } finally {
            data.release();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}

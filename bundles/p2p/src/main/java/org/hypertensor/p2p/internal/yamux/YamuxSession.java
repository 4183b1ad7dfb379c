package org.hypertensor.p2p.internal.yamux;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.util.proto.MalformedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A yamux session over the (decrypted) connection. All state lives on the channel's event loop. A
 * peer's mistake costs what it must and no more: a frame for a stream that never existed or data beyond
 * a stream's window resets that stream; only a frame that breaks the framing itself (wrong version,
 * unknown type, stream 0) ends the session. Each kind of mistake is logged once per connection.
 */
public final class YamuxSession extends ByteToMessageDecoder {

    /** Told about streams the peer opens and about the session's end. */
    public interface Listener {
        void onInboundStream(YamuxStream stream);

        void onClosed(YamuxSession session);

        /** The peer sent stream data (not window updates nor pings): its connection is in use. */
        default void onInboundData() {}
    }

    private static final Logger LOG = LoggerFactory.getLogger(YamuxSession.class);
    /** Data per frame: with its header, one frame fills one Noise message. */
    static final int MAX_FRAME_DATA = 65519 - YamuxFrame.HEADER;

    private final boolean client;
    private final PeerId peer;
    private final Multiaddr remoteAddress;
    final YamuxConfig config;
    private final Listener listener;
    private final Map<Integer, YamuxStream> streams = new HashMap<>();
    private final Map<Integer, PendingPing> pings = new HashMap<>();
    private final Set<String> logged = new HashSet<>();
    private ChannelHandlerContext ctx;
    private int nextStreamId;
    private int highestRemoteId;
    private int nextPing = 1;
    private boolean remoteGoAway;
    private boolean closed;
    private volatile Duration streamTimeout;
    // the data frame being read
    private long frameRemaining;
    private YamuxStream frameStream;
    private int frameFlags;
    private boolean inFrame;

    private record PendingPing(long sentNanos, CompletableFuture<Duration> future) {}

    public YamuxSession(boolean client, PeerId peer, Multiaddr remoteAddress, YamuxConfig config, Listener listener) {
        this.client = client;
        this.peer = peer;
        this.remoteAddress = remoteAddress;
        this.config = config;
        this.listener = listener;
        this.nextStreamId = client ? 1 : 2;
        this.streamTimeout = config.streamTimeout();
    }

    public PeerId peer() {
        return peer;
    }

    public Multiaddr remoteAddress() {
        return remoteAddress;
    }

    EventLoop loop() {
        return ctx.channel().eventLoop();
    }

    ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    Duration streamTimeout() {
        return streamTimeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Opens a stream (SYN); data may follow before the peer's ACK. */
    public CompletableFuture<YamuxStream> openStream() {
        CompletableFuture<YamuxStream> f = new CompletableFuture<>();
        run(() -> {
            if (closed || remoteGoAway) {
                f.completeExceptionally(new IOException("connection to " + peer.shortString() + " is closing"));
                return;
            }
            if (streams.size() >= config.maxStreams()) {
                f.completeExceptionally(new IOException("too many streams to " + peer.shortString()));
                return;
            }
            int id = nextStreamId;
            nextStreamId += 2;
            YamuxStream s = new YamuxStream(this, id, true);
            streams.put(id, s);
            write(YamuxFrame.header(
                    ctx.alloc(),
                    YamuxFrame.WINDOW_UPDATE,
                    YamuxFrame.SYN,
                    id,
                    config.maxWindow() - YamuxConfig.INITIAL_WINDOW,
                    0));
            flush();
            f.complete(s);
        });
        return f;
    }

    /** A yamux ping on stream 0; completes with the round trip. */
    public CompletableFuture<Duration> ping() {
        CompletableFuture<Duration> f = new CompletableFuture<>();
        run(() -> {
            if (closed) {
                f.completeExceptionally(new IOException("connection closed"));
                return;
            }
            int opaque = nextPing++;
            pings.put(opaque, new PendingPing(System.nanoTime(), f));
            ctx.writeAndFlush(YamuxFrame.header(ctx.alloc(), YamuxFrame.PING, YamuxFrame.SYN, 0, opaque, 0));
            loop().schedule(
                            () -> {
                                PendingPing p = pings.remove(opaque);
                                if (p != null) {
                                    p.future.completeExceptionally(new TimeoutException("yamux ping timed out"));
                                }
                            },
                            streamTimeout.toMillis(),
                            TimeUnit.MILLISECONDS);
        });
        return f;
    }

    /** Tells the peer no new streams will be accepted, then closes the connection. */
    public void goAway() {
        run(() -> {
            if (!closed && ctx.channel().isActive()) {
                ctx.writeAndFlush(YamuxFrame.header(ctx.alloc(), YamuxFrame.GO_AWAY, 0, 0, YamuxFrame.NORMAL, 0))
                        .addListener(f -> ctx.close());
            }
        });
    }

    public int openStreams() {
        return streams.size();
    }

    public void setStreamTimeout(Duration timeout) {
        this.streamTimeout = timeout;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!closed) {
            if (inFrame) {
                int n = (int) Math.min(in.readableBytes(), frameRemaining);
                if (n > 0) {
                    if (frameStream != null) {
                        frameStream.onData(in, n);
                    } else {
                        in.skipBytes(n);
                    }
                    frameRemaining -= n;
                }
                if (frameRemaining > 0) {
                    return;
                }
                inFrame = false;
                if (frameStream != null) {
                    frameStream.onFlags(frameFlags);
                }
                frameStream = null;
                continue;
            }
            if (in.readableBytes() < YamuxFrame.HEADER) {
                return;
            }
            int version = in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedShort();
            int id = in.readInt();
            long length = in.readUnsignedInt();
            if (version != 0) {
                fatal("yamux version " + version, in);
                return;
            }
            switch (type) {
                case YamuxFrame.DATA, YamuxFrame.WINDOW_UPDATE -> {
                    if (id == 0) {
                        fatal(YamuxFrame.typeName(type) + " frame on stream 0", in);
                        return;
                    }
                    streamFrame(type, flags, id, length);
                }
                case YamuxFrame.PING -> onPing(flags, length);
                case YamuxFrame.GO_AWAY -> {
                    remoteGoAway = true;
                    LOG.debug("{} sent go-away (code {})", peer.shortString(), length);
                }
                default -> {
                    fatal("unknown yamux frame type " + type, in);
                    return;
                }
            }
        }
        in.skipBytes(in.readableBytes());
    }

    private void streamFrame(int type, int flags, int id, long length) {
        YamuxStream s = streams.get(id);
        boolean remoteId = (id % 2 == 0) == client;
        if ((flags & YamuxFrame.SYN) != 0) {
            if (s != null || !remoteId || Integer.compareUnsigned(id, highestRemoteId) <= 0) {
                violation("bad-syn", "SYN for stream " + id + " that is in use or not the peer's to open");
                sendReset(id);
                s = null;
            } else if (streams.size() >= config.maxStreams()) {
                violation("too-many-streams", "more than " + config.maxStreams() + " streams; resetting the new ones");
                highestRemoteId = id;
                sendReset(id);
                s = null;
            } else {
                highestRemoteId = id;
                s = new YamuxStream(this, id, false);
                streams.put(id, s);
                write(YamuxFrame.header(
                        ctx.alloc(),
                        YamuxFrame.WINDOW_UPDATE,
                        YamuxFrame.ACK,
                        id,
                        config.maxWindow() - YamuxConfig.INITIAL_WINDOW,
                        0));
                flush();
                listener.onInboundStream(s);
            }
        } else if (s == null) {
            boolean stale = remoteId
                    ? Integer.compareUnsigned(id, highestRemoteId) <= 0
                    : Integer.compareUnsigned(id, nextStreamId) < 0;
            if (!stale) {
                violation("unknown-stream", YamuxFrame.typeName(type) + " frame for unknown stream " + id);
                if ((flags & YamuxFrame.RST) == 0) {
                    sendReset(id);
                }
            }
        }
        if (type == YamuxFrame.WINDOW_UPDATE) {
            if (s != null) {
                s.onWindowUpdate(length);
                s.onFlags(flags);
            }
            return;
        }
        if (s != null && length > s.receiveWindow()) {
            violation(
                    "window-exceeded",
                    "data of " + length + " bytes beyond the stream's window of " + s.receiveWindow()
                            + "; resetting the stream");
            s.resetLocally();
            s = null;
        }
        if (length == 0) {
            if (s != null) {
                s.onFlags(flags);
            }
            return;
        }
        listener.onInboundData();
        inFrame = true;
        frameRemaining = length;
        frameStream = s;
        frameFlags = flags;
    }

    private void onPing(int flags, long opaque) {
        if ((flags & YamuxFrame.SYN) != 0) {
            ctx.writeAndFlush(YamuxFrame.header(ctx.alloc(), YamuxFrame.PING, YamuxFrame.ACK, 0, opaque, 0));
        } else if ((flags & YamuxFrame.ACK) != 0) {
            PendingPing p = pings.remove((int) opaque);
            if (p != null) {
                p.future.complete(Duration.ofNanos(System.nanoTime() - p.sentNanos));
            }
        }
    }

    private void fatal(String why, ByteBuf in) {
        LOG.warn("Yamux protocol error from {}: {}; closing the connection", peer.shortString(), why);
        closed = true;
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(YamuxFrame.header(ctx.alloc(), YamuxFrame.GO_AWAY, 0, 0, YamuxFrame.PROTOCOL_ERROR, 0))
                .addListener(f -> ctx.close());
    }

    private void violation(String kind, String why) {
        if (logged.add(kind)) {
            LOG.warn("Yamux: {} from {} (logged once per connection)", why, peer.shortString());
        }
    }

    private void sendReset(int id) {
        write(YamuxFrame.header(ctx.alloc(), YamuxFrame.WINDOW_UPDATE, YamuxFrame.RST, id, 0, 0));
        flush();
    }

    void write(ByteBuf frame) {
        ctx.write(frame, ctx.voidPromise());
    }

    void flush() {
        ctx.flush();
    }

    void removeStream(YamuxStream s) {
        streams.remove(s.id(), s);
    }

    void run(Runnable task) {
        if (ctx == null) {
            throw new IllegalStateException("session not attached to a channel");
        }
        EventLoop loop = loop();
        if (loop.inEventLoop()) {
            task.run();
        } else {
            try {
                loop.execute(task);
            } catch (RejectedExecutionException e) {
                // the host is shutting down: the connection and its streams are gone anyway
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        for (YamuxStream s : new ArrayList<>(streams.values())) {
            s.onConnectionLost();
        }
        streams.clear();
        for (PendingPing p : pings.values()) {
            p.future.completeExceptionally(new IOException("connection closed"));
        }
        pings.clear();
        listener.onClosed(this);
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof IOException) {
            LOG.debug("Connection with {} failed: {}", peer.shortString(), c.getMessage());
        } else if (c instanceof MalformedInputException) {
            LOG.warn("Connection with {} closed: {}", peer.shortString(), c.getMessage());
        } else {
            LOG.warn("Connection with {} closed: {}", peer.shortString(), c.toString());
        }
        ctx.close();
    }
}

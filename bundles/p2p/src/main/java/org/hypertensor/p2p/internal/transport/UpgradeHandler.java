package org.hypertensor.p2p.internal.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.multistream.MultistreamCodec;
import org.hypertensor.p2p.internal.multistream.Negotiation;
import org.hypertensor.p2p.internal.noise.NoiseDecoder;
import org.hypertensor.p2p.internal.noise.NoiseEncoder;
import org.hypertensor.p2p.internal.noise.NoiseHandshake;
import org.hypertensor.p2p.internal.noise.NoiseIdentity;
import org.hypertensor.p2p.internal.yamux.YamuxConfig;
import org.hypertensor.p2p.internal.yamux.YamuxSession;
import org.hypertensor.util.proto.MalformedInputException;

/**
 * Turns a raw TCP connection into a secure, multiplexed one: multistream-select {@code /noise}, the Noise
 * XX handshake, then yamux, either agreed inside the handshake payloads or by multistream-select over the
 * encrypted channel. Replaces itself with the Noise codec and the yamux session when done.
 */
public final class UpgradeHandler extends ByteToMessageDecoder {

    public static final String NOISE = "/noise";
    public static final String YAMUX = "/yamux/1.0.0";

    private enum State {
        SECURITY,
        HANDSHAKE,
        MUXER,
        DONE
    }

    private final boolean initiator;
    private final PeerId expectedPeer;
    private final UpgradeCallback callback;
    private final YamuxConfig yamuxConfig;
    private final Duration timeout;
    private final NoiseHandshake handshake;
    private Negotiation negotiation;
    private State state = State.SECURITY;
    private boolean failed;
    private boolean started;
    private PeerId peer;
    private Multiaddr remoteAddress;
    private YamuxSession.Listener listener;

    public UpgradeHandler(
            boolean initiator,
            PeerId expectedPeer,
            NoiseIdentity noise,
            SecureRandom random,
            YamuxConfig yamuxConfig,
            Duration timeout,
            UpgradeCallback callback) {
        this.initiator = initiator;
        this.expectedPeer = expectedPeer;
        this.callback = callback;
        this.yamuxConfig = yamuxConfig;
        this.timeout = timeout;
        this.handshake = new NoiseHandshake(initiator, noise, random);
        this.negotiation = initiator ? Negotiation.dialer(List.of(NOISE)) : Negotiation.listener(NOISE::equals);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        remoteAddress = Multiaddr.tcp((InetSocketAddress) ctx.channel().remoteAddress());
        ctx.executor()
                .schedule(
                        () -> {
                            if (state != State.DONE) {
                                fail(
                                        ctx,
                                        new IOException(
                                                "connection upgrade timed out after " + timeout.toSeconds() + " s"));
                            }
                        },
                        timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
        send(ctx, negotiation.start());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && state != State.DONE && in.isReadable()) {
            switch (state) {
                case SECURITY, MUXER -> {
                    String msg = MultistreamCodec.decode(in);
                    if (msg == null) {
                        return;
                    }
                    Negotiation.Step step = negotiation.onMessage(msg);
                    send(ctx, step.send());
                    if (step.done()) {
                        if (state == State.SECURITY) {
                            state = State.HANDSHAKE;
                            if (initiator) {
                                sendHandshake(ctx);
                            }
                        } else {
                            installYamux(ctx);
                            return;
                        }
                    }
                }
                case HANDSHAKE -> {
                    if (in.readableBytes() < 2) {
                        return;
                    }
                    int length = in.getUnsignedShort(in.readerIndex());
                    if (in.readableBytes() < 2 + length) {
                        return;
                    }
                    in.skipBytes(2);
                    byte[] msg = new byte[length];
                    in.readBytes(msg);
                    handshake.readMessage(msg);
                    if (!handshake.complete()) {
                        sendHandshake(ctx);
                    }
                    if (handshake.complete()) {
                        secured(ctx);
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private void sendHandshake(ChannelHandlerContext ctx) {
        byte[] msg = handshake.writeMessage();
        ByteBuf b = ctx.alloc().buffer(2 + msg.length);
        b.writeShort(msg.length);
        b.writeBytes(msg);
        ctx.writeAndFlush(b);
    }

    private void secured(ChannelHandlerContext ctx) {
        NoiseHandshake.Result result = handshake.result();
        peer = result.remotePeer();
        if (expectedPeer != null && !expectedPeer.equals(peer)) {
            throw new MalformedInputException(
                    "peer id mismatch: dialed " + expectedPeer + " but the key is " + peer + "'s");
        }
        listener = callback.onSecured(ctx.channel(), peer, remoteAddress, initiator);
        ctx.pipeline().addAfter(ctx.name(), "noise-encoder", new NoiseEncoder(result.send()));
        ctx.pipeline().addAfter("noise-encoder", "noise-decoder", new NoiseDecoder(result.receive()));
        if (result.remoteMuxers().contains(YAMUX)) {
            installYamux(ctx);
            return;
        }
        // No early muxer agreement: multistream-select over the encrypted channel, in a handler of its own.
        state = State.MUXER;
        ctx.pipeline().addAfter("noise-decoder", "muxer-select", new MuxerSelect());
        ctx.pipeline().remove(this);
    }

    private void installYamux(ChannelHandlerContext ctx) {
        state = State.DONE;
        YamuxSession session = new YamuxSession(initiator, peer, remoteAddress, yamuxConfig, listener);
        String after = ctx.pipeline().get("muxer-select") != null ? "muxer-select" : "noise-decoder";
        ctx.pipeline().addAfter(after, "yamux", session);
        if (ctx.pipeline().get("muxer-select") != null) {
            ctx.pipeline().remove("muxer-select");
        }
        if (ctx.pipeline().get(UpgradeHandler.class) != null) {
            ctx.pipeline().remove(UpgradeHandler.class);
        }
        callback.onReady(ctx.channel(), session);
    }

    /** multistream-select {@code /yamux/1.0.0} on the decrypted bytes. */
    private final class MuxerSelect extends ByteToMessageDecoder {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            negotiation = initiator ? Negotiation.dialer(List.of(YAMUX)) : Negotiation.listener(YAMUX::equals);
            send(ctx, negotiation.start());
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (state == State.MUXER && in.isReadable()) {
                String msg = MultistreamCodec.decode(in);
                if (msg == null) {
                    return;
                }
                Negotiation.Step step = negotiation.onMessage(msg);
                send(ctx, step.send());
                if (step.done()) {
                    installYamux(ctx);
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            fail(ctx, new IOException("connection closed during the upgrade"));
            super.channelInactive(ctx);
        }
    }

    private static void send(ChannelHandlerContext ctx, byte[] bytes) {
        if (bytes.length > 0) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (state != State.DONE) {
            fail(ctx, new IOException("connection closed during the upgrade"));
        }
        super.channelInactive(ctx);
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (failed || state == State.DONE) {
            return;
        }
        failed = true;
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        ctx.close();
        callback.onFailed(ctx.channel(), c);
    }
}

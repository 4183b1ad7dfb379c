package org.hypertensor.p2p.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.security.SecureRandom;
import java.util.List;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.internal.gossip.GossipFuzzAccess;
import org.hypertensor.p2p.internal.identity.KeyProtobuf;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.p2p.internal.multistream.MultistreamCodec;
import org.hypertensor.p2p.internal.noise.HandshakePayload;
import org.hypertensor.p2p.internal.noise.NoiseHandshake;
import org.hypertensor.p2p.internal.protocol.IdentifyMessage;
import org.hypertensor.p2p.internal.protocol.SignedPeerRecord;
import org.hypertensor.p2p.internal.yamux.YamuxConfig;
import org.hypertensor.p2p.internal.yamux.YamuxSession;
import org.hypertensor.p2p.internal.yamux.YamuxSession.Listener;
import org.hypertensor.p2p.internal.yamux.YamuxStream;
import org.hypertensor.util.proto.MalformedInputException;

/**
 * Coverage-guided fuzzing (Jazzer) of the libp2p frame and message decoders: any bytes either decode or are
 * refused with {@link MalformedInputException} / {@link IllegalArgumentException}; any other exception is a
 * finding. ({@code DecoderFuzzTest} mutates seeds at random; this one follows coverage.) Every build runs
 * the seeds in {@code FrameFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (docs/security.md).
 */
class FrameFuzzTest {

    private static final NodeKey KEY = NodeKey.fromSeed(new byte[32]);

    @FuzzTest(maxDuration = "60s")
    void protobufMessages(byte[] input) {
        refusedOrDecoded(() -> IdentifyMessage.decode(input));
        refusedOrDecoded(() -> SignedPeerRecord.open(input));
        refusedOrDecoded(() -> HandshakePayload.decode(input));
        refusedOrDecoded(() -> GossipFuzzAccess.decodeAndVerify(input));
        refusedOrDecoded(() -> Multiaddr.fromBytes(input));
        refusedOrDecoded(() -> KeyProtobuf.decodeEd25519Public(input));
    }

    @FuzzTest(maxDuration = "60s")
    void multistream(byte[] input) {
        refusedOrDecoded(() -> {
            ByteBuf buf = Unpooled.wrappedBuffer(input);
            while (MultistreamCodec.decode(buf) != null) {
                // keep decoding
            }
        });
    }

    @FuzzTest(maxDuration = "60s")
    void noiseHandshake(byte[] input) {
        refusedOrDecoded(() -> new NoiseHandshake(false, KEY, List.of(), new SecureRandom()).readMessage(input));
    }

    /**
     * Bytes from the peer on an established yamux session: whatever comes, the session handles it (resets a
     * stream, or ends the session on a framing error) and never lets an exception out of the pipeline.
     */
    @FuzzTest(maxDuration = "5m")
    void yamux(byte[] input) {
        EmbeddedChannel ch = new EmbeddedChannel(new YamuxSession(
                false, KEY.peerId(), Multiaddr.parse("/ip4/127.0.0.1/tcp/1"), YamuxConfig.defaults(), new Listener() {
                    @Override
                    public void onInboundStream(YamuxStream stream) {
                        stream.read(); // a reader, so data frames reach a stream
                    }

                    @Override
                    public void onClosed(YamuxSession session) {}
                }));
        try {
            // in two pieces: frames split across reads are the decoder's harder case
            int half = input.length / 2;
            ch.writeInbound(Unpooled.wrappedBuffer(input, 0, half));
            if (ch.isActive()) {
                ch.writeInbound(Unpooled.wrappedBuffer(input, half, input.length - half));
            }
            ch.checkException();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static void refusedOrDecoded(Runnable decode) {
        try {
            decode.run();
        } catch (MalformedInputException | IllegalArgumentException refused) {
            // the decoder's refusal
        }
    }
}

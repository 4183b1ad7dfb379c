package org.hypertensor.p2p.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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

    private static void refusedOrDecoded(Runnable decode) {
        try {
            decode.run();
        } catch (MalformedInputException | IllegalArgumentException refused) {
            // the decoder's refusal
        }
    }
}

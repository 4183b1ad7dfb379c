package org.hypertensor.inference.net.internal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.util.proto.MalformedInputException;

/**
 * Coverage-guided fuzzing (Jazzer) of the inference wire: session frames and block announcements either
 * decode or are refused with {@link MalformedInputException}; a decoded frame's encoding decodes and
 * encodes to the same bytes. Every build runs the seeds in {@code WireFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes
 * (docs/security.md).
 */
class WireFuzzTest {

    private static final PeerId PEER = PeerId.fromEd25519(new byte[32]);

    @FuzzTest(maxDuration = "5m")
    void frames(byte[] input) {
        Frame frame;
        try {
            frame = Frame.decode(input);
        } catch (MalformedInputException refused) {
            return;
        }
        byte[] encoded = frame.encode();
        assertArrayEquals(encoded, Frame.decode(encoded).encode());
    }

    @FuzzTest(maxDuration = "60s")
    void announcements(byte[] input) {
        try {
            AnnouncementCodec.decode(PEER, input);
        } catch (MalformedInputException refused) {
            // the decoder's refusal
        }
    }
}

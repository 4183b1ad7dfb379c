package org.hypertensor.dht.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.hypertensor.dht.internal.envelope.Envelope;
import org.hypertensor.dht.internal.wire.KadMessage;
import org.hypertensor.util.proto.MalformedInputException;

/**
 * Coverage-guided fuzzing (Jazzer) of the DHT messages: any bytes either decode or are refused with
 * {@link MalformedInputException} / {@link IllegalArgumentException}. Every build runs the seeds;
 * {@code JAZZER_FUZZ=1} fuzzes (docs/security.md).
 */
class MessageFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void kademliaMessages(byte[] input) {
        try {
            KadMessage.decode(input);
        } catch (MalformedInputException | IllegalArgumentException refused) {
            // the decoder's refusal
        }
    }

    @FuzzTest(maxDuration = "60s")
    void envelopes(byte[] input) {
        try {
            Envelope.decode(input);
        } catch (MalformedInputException | IllegalArgumentException refused) {
            // the decoder's refusal
        }
    }
}

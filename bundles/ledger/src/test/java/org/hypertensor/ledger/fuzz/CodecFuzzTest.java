package org.hypertensor.ledger.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.block.Block;

/**
 * Coverage-guided fuzzing of the transaction and block codecs (Jazzer): any bytes either decode or fail
 * with {@link DecodeException}, nothing else; what decodes is canonical (encodes back to the same bytes).
 * Every build runs the seeds in {@code CodecFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (docs/security.md).
 */
class CodecFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void transactions(byte[] input) {
        SignedTransaction tx;
        try {
            tx = SignedTransaction.decode(input);
        } catch (DecodeException e) {
            return;
        }
        assertArrayEquals(input, tx.encoded(), "a decoded transaction encodes back to its bytes");
    }

    @FuzzTest(maxDuration = "60s")
    void blocks(byte[] input) {
        Block block;
        try {
            block = Block.decode(input);
        } catch (DecodeException e) {
            return;
        }
        assertArrayEquals(input, block.encode(), "a decoded block encodes back to its bytes");
    }
}

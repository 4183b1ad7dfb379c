package org.hypertensor.inference.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.hypertensor.inference.api.generate.Decoding;
import org.hypertensor.model.api.Tokenizer;
import org.junit.jupiter.api.Test;

/** A plain prompt is encoded with the tokenizer's post-processor, not with a BOS put in front. */
class DecodingTest {

    /** A byte tokenizer whose post-processor template adds two special tokens before and one after. */
    private static final class TemplateTokenizer implements Tokenizer {
        @Override
        public int vocabSize() {
            return 300;
        }

        @Override
        public int bosToken() {
            return -1; // the template's prefix is two tokens: no single BOS
        }

        @Override
        public int eosToken() {
            return 299;
        }

        @Override
        public int[] encode(String text) {
            return text.chars().toArray();
        }

        @Override
        public int[] encode(String text, boolean addSpecialTokens) {
            if (!addSpecialTokens) {
                return encode(text);
            }
            int[] ids = encode(text);
            int[] out = new int[ids.length + 3];
            out[0] = 290;
            out[1] = 291;
            System.arraycopy(ids, 0, out, 2, ids.length);
            out[out.length - 1] = 292;
            return out;
        }

        @Override
        public String decode(int[] tokens) {
            return "";
        }
    }

    @Test
    void plainPromptsGetThePostProcessorsTokens() {
        Decoding decoding = new Decoding(null, new TemplateTokenizer());
        assertArrayEquals(new int[] {290, 291, 'h', 'i', 292}, decoding.promptTokens("hi", 4, 64));
    }
}

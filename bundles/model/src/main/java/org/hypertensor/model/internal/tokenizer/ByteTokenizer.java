package org.hypertensor.model.internal.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.hypertensor.model.api.Tokenizer;

/** One token per UTF-8 byte (0-255), then BOS (256) and EOS (257): the tokenizer of generated models. */
public final class ByteTokenizer implements Tokenizer {

    public static final int BOS = 256;
    public static final int EOS = 257;
    public static final int VOCAB = 258;

    @Override
    public int vocabSize() {
        return VOCAB;
    }

    @Override
    public int bosToken() {
        return BOS;
    }

    @Override
    public int eosToken() {
        return EOS;
    }

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] tokens = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            tokens[i] = bytes[i] & 0xff;
        }
        return tokens;
    }

    @Override
    public String decode(int[] tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(tokens.length);
        for (int t : tokens) {
            if (t >= 0 && t < 256) {
                bytes.write(t);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

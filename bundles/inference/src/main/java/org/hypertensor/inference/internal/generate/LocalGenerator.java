package org.hypertensor.inference.internal.generate;

import java.util.Arrays;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.inference.api.generate.Sampler;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.hypertensor.inference.api.generate.TextStream;
import org.hypertensor.model.api.Tokenizer;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.RangeException;

/**
 * Generation on one node: embeddings, every block (through whatever engine hosts them), final norm, LM
 * head, sampling. The prompt goes through in one prefill step, then one token per step with the cache.
 */
public final class LocalGenerator {

    /** What a generation produced, with its timings; {@code stopped}: the listener asked to stop. */
    public record Result(
            int[] promptTokens,
            int[] tokens,
            String text,
            long prefillNanos,
            long decodeNanos,
            String engine,
            boolean stopped) {

        public double decodeTokensPerSecond() {
            return tokens.length <= 1 || decodeNanos == 0 ? 0 : (tokens.length - 1) * 1e9 / decodeNanos;
        }
    }

    private final ModelEnds ends;
    private final LoadedBlocks blocks;
    private final Tokenizer tokenizer;

    public LocalGenerator(ModelEnds ends, LoadedBlocks blocks, Tokenizer tokenizer) {
        this.ends = ends;
        this.blocks = blocks;
        this.tokenizer = tokenizer;
    }

    public Result generate(String prompt, int maxNewTokens, SamplingOptions options, TextGenerator.Listener listener) {
        int[] encoded = tokenizer.encode(prompt);
        int[] prompted = tokenizer.bosToken() >= 0 ? prepend(tokenizer.bosToken(), encoded) : encoded;
        if (prompted.length == 0) {
            throw new IllegalArgumentException("the prompt is empty");
        }
        int maxPositions = blocks.manifest().config().maxPositions();
        if (prompted.length + maxNewTokens > maxPositions) {
            throw new RangeException("prompt (" + prompted.length + " tokens) plus " + maxNewTokens
                    + " new tokens is more than the model's " + maxPositions + " positions");
        }
        Sampler sampler = new Sampler(options);
        int[] out = new int[maxNewTokens];
        int n = 0;
        TextStream streamed = new TextStream(tokenizer, listener);
        long t0 = System.nanoTime();
        long prefill = 0;
        try (InferenceSession session = blocks.openSession(1, prompted.length + maxNewTokens)) {
            float[] logits = ends.logits(blocks.forward(ends.embed(prompted), session));
            prefill = System.nanoTime() - t0;
            while (n < maxNewTokens) {
                int token = sampler.next(logits);
                if (token == tokenizer.eosToken()) {
                    break;
                }
                out[n++] = token;
                if (!streamed.add(Arrays.copyOf(out, n))) {
                    break;
                }
                if (n < maxNewTokens) {
                    logits = ends.logits(blocks.forward(ends.embed(new int[] {token}), session));
                }
            }
        }
        long decode = System.nanoTime() - t0 - prefill;
        int[] tokens = Arrays.copyOf(out, n);
        String text = streamed.finish(tokens);
        return new Result(prompted, tokens, text, prefill, decode, blocks.engine(), streamed.stopped());
    }

    private static int[] prepend(int first, int[] rest) {
        int[] all = new int[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}

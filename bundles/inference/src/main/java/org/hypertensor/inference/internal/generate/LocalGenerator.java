package org.hypertensor.inference.internal.generate;

import org.hypertensor.inference.api.generate.CompletionRequest;
import org.hypertensor.inference.api.generate.Decoding;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.hypertensor.model.api.Tokenizer;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;

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
        Decoding decoding = new Decoding(ends, tokenizer);
        int[] prompted = decoding.promptTokens(
                prompt, maxNewTokens, blocks.manifest().config().maxPositions());
        return run(decoding, prompted, maxNewTokens, options, listener);
    }

    /** A plain prompt or a chat (through the model's chat template). */
    public Result generate(CompletionRequest request, TextGenerator.Listener listener) {
        Decoding decoding = new Decoding(ends, tokenizer);
        int[] prompted =
                decoding.promptTokens(request, blocks.manifest().config().maxPositions());
        return run(decoding, prompted, request.maxTokens(), request.sampling(), listener);
    }

    private Result run(
            Decoding decoding,
            int[] prompted,
            int maxNewTokens,
            SamplingOptions options,
            TextGenerator.Listener listener) {
        try (InferenceSession session = blocks.openSession(1, prompted.length + maxNewTokens)) {
            Decoding.Outcome o =
                    decoding.run(prompted, maxNewTokens, options, listener, hidden -> blocks.forward(hidden, session));
            return new Result(
                    prompted, o.tokens(), o.text(), o.prefillNanos(), o.decodeNanos(), blocks.engine(), o.stopped());
        }
    }
}

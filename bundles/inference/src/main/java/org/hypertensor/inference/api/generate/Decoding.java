package org.hypertensor.inference.api.generate;

import java.util.Arrays;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.Tokenizer;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * The autoregressive loop every generator shares, wherever its blocks run: the prompt in one prefill step, then
 * one token per step, sampled and streamed, until one of the model's end tokens ({@link Tokenizer#eosTokens}), the
 * listener stops it, or {@code maxNewTokens}.
 * A generator supplies only how hidden states go through the blocks.
 */
public final class Decoding {

    /** Hidden states {@code [1, tokens, hidden]} through every block, continuing the same session. */
    @FunctionalInterface
    public interface Blocks {
        Tensor forward(Tensor hidden);
    }

    /** What the loop produced; {@code stopped}: the listener asked to stop. */
    public record Outcome(int[] tokens, String text, boolean stopped, long prefillNanos, long decodeNanos) {}

    private final ModelEnds ends;
    private final Tokenizer tokenizer;

    public Decoding(ModelEnds ends, Tokenizer tokenizer) {
        this.ends = ends;
        this.tokenizer = tokenizer;
    }

    /**
     * The prompt's tokens as the model sees them: with the special tokens the tokenizer's post-processor adds
     * (e.g. a BOS, or several), as Hugging Face's {@code encode} does.
     *
     * @throws IllegalArgumentException when it is empty or, with {@code maxNewTokens}, longer than {@code
     *     maxPositions}
     */
    public int[] promptTokens(String prompt, int maxNewTokens, int maxPositions) {
        return checked(tokenizer.encode(prompt, true), maxNewTokens, maxPositions);
    }

    /**
     * The request's tokens: a plain prompt as {@link #promptTokens(String, int, int)}; a chat through the model's
     * chat template ({@link Tokenizer#encodeChat}).
     *
     * @throws IllegalArgumentException when it is empty, too long, or the chat template refuses the messages
     * @throws GenerationException ({@code INTERNAL}) when the model's chat template cannot be rendered here
     * @since 1.2
     */
    public int[] promptTokens(CompletionRequest request, int maxPositions) {
        if (!request.isChat()) {
            return promptTokens(request.prompt(), request.maxTokens(), maxPositions);
        }
        try {
            return checked(tokenizer.encodeChat(request.messages()), request.maxTokens(), maxPositions);
        } catch (ModelFormatException e) {
            throw new GenerationException(GenerationException.Kind.INTERNAL, e.getMessage());
        }
    }

    private static int[] checked(int[] prompted, int maxNewTokens, int maxPositions) {
        if (prompted.length == 0) {
            throw new IllegalArgumentException("the prompt is empty");
        }
        if (prompted.length + maxNewTokens > maxPositions) {
            throw new IllegalArgumentException("prompt (" + prompted.length + " tokens) plus " + maxNewTokens
                    + " new tokens is more than the model's " + maxPositions + " positions");
        }
        return prompted;
    }

    /** Runs the loop over {@code blocks} from the prompt's tokens. */
    public Outcome run(
            int[] prompted, int maxNewTokens, SamplingOptions options, TextGenerator.Listener listener, Blocks blocks) {
        Sampler sampler = new Sampler(options);
        TextStream streamed = new TextStream(tokenizer, listener);
        int[] endTokens = tokenizer.eosTokens();
        int[] out = new int[maxNewTokens];
        int n = 0;
        long t0 = System.nanoTime();
        float[] logits = ends.logits(blocks.forward(ends.embed(prompted)));
        long prefill = System.nanoTime() - t0;
        while (n < maxNewTokens) {
            int token = sampler.next(logits);
            if (isEnd(token, endTokens)) {
                break;
            }
            out[n++] = token;
            if (!streamed.add(Arrays.copyOf(out, n))) {
                break;
            }
            if (n < maxNewTokens) {
                logits = ends.logits(blocks.forward(ends.embed(new int[] {token})));
            }
        }
        int[] tokens = Arrays.copyOf(out, n);
        String text = streamed.finish(tokens);
        return new Outcome(tokens, text, streamed.stopped(), prefill, System.nanoTime() - t0 - prefill);
    }

    private static boolean isEnd(int token, int[] ends) {
        for (int end : ends) {
            if (token == end) {
                return true;
            }
        }
        return false;
    }
}

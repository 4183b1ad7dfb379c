package org.hypertensor.inference.net.internal.client;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.hypertensor.inference.api.generate.Completion;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.inference.api.generate.Sampler;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.hypertensor.inference.api.generate.TextStream;
import org.hypertensor.model.api.Tokenizer;
import org.hypertensor.plugin.api.engine.ModelManifest;

/**
 * Generation through the subnet's servers: embeddings, final norm, LM head and sampling here; the blocks
 * on the servers of a {@link ChainSession}. The prompt goes through as one prefill step, then one token per
 * step, text streamed as it comes.
 */
public final class DistributedGenerator {

    /** What a generation produced, with how it went. */
    public record Result(
            int promptTokens,
            int[] tokens,
            String text,
            boolean stopped,
            String route,
            int failures,
            long prefillNanos,
            long decodeNanos) {}

    private final ClientNetwork net;
    private final long subnet;
    private final ModelManifest manifest;
    private final ModelEnds ends;
    private final Tokenizer tokenizer;

    public DistributedGenerator(
            ClientNetwork net, long subnet, ModelManifest manifest, ModelEnds ends, Tokenizer tokenizer) {
        this.net = net;
        this.subnet = subnet;
        this.manifest = manifest;
        this.ends = ends;
        this.tokenizer = tokenizer;
    }

    public Result generate(String prompt, int maxNewTokens, SamplingOptions options, TextGenerator.Listener listener) {
        int[] encoded = tokenizer.encode(prompt);
        int[] prompted = encoded;
        if (tokenizer.bosToken() >= 0) {
            prompted = new int[encoded.length + 1];
            prompted[0] = tokenizer.bosToken();
            System.arraycopy(encoded, 0, prompted, 1, encoded.length);
        }
        if (prompted.length == 0) {
            throw new GenerationException(GenerationException.Kind.INVALID_REQUEST, "the prompt is empty");
        }
        int maxPositions = manifest.config().maxPositions();
        if (prompted.length + maxNewTokens > maxPositions) {
            throw new GenerationException(
                    GenerationException.Kind.INVALID_REQUEST,
                    "prompt (" + prompted.length + " tokens) plus " + maxNewTokens
                            + " new tokens is more than the model's " + maxPositions + " positions");
        }
        Sampler sampler = new Sampler(options);
        TextStream streamed = new TextStream(tokenizer, listener);
        int[] out = new int[maxNewTokens];
        int n = 0;
        long t0 = System.nanoTime();
        long prefill;
        try (ChainSession chain = net.open(subnet, manifest, prompted.length + maxNewTokens)) {
            float[] logits = ends.logits(chain.step(ends.embed(prompted)));
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
                    logits = ends.logits(chain.step(ends.embed(new int[] {token})));
                }
            }
            int[] tokens = Arrays.copyOf(out, n);
            String text = streamed.finish(tokens);
            String route = chain.route().stream().map(Span::toString).collect(Collectors.joining(" → "));
            return new Result(
                    prompted.length,
                    tokens,
                    text,
                    streamed.stopped(),
                    route,
                    chain.failures(),
                    prefill,
                    System.nanoTime() - t0 - prefill);
        } catch (NoRouteException e) {
            throw new GenerationException(GenerationException.Kind.UNAVAILABLE, e.getMessage());
        }
    }

    /** The result as the TextGenerator API's completion. */
    public static Completion completion(Result r, int maxTokens) {
        Completion.Finish finish =
                r.tokens().length >= maxTokens && !r.stopped() ? Completion.Finish.LENGTH : Completion.Finish.STOP;
        return new Completion(r.text(), r.promptTokens(), r.tokens().length, finish, r.route());
    }
}

package org.hypertensor.inference.net.internal.client;

import java.util.stream.Collectors;
import org.hypertensor.inference.api.generate.Completion;
import org.hypertensor.inference.api.generate.CompletionRequest;
import org.hypertensor.inference.api.generate.Decoding;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.api.generate.TextGenerator;
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
        return generate(new CompletionRequest("", prompt, maxNewTokens, options), listener);
    }

    /** A plain prompt or a chat (through the model's chat template). */
    public Result generate(CompletionRequest request, TextGenerator.Listener listener) {
        Decoding decoding = new Decoding(ends, tokenizer);
        int maxNewTokens = request.maxTokens();
        SamplingOptions options = request.sampling();
        int[] prompted;
        try {
            prompted = decoding.promptTokens(request, manifest.config().maxPositions());
        } catch (IllegalArgumentException e) {
            throw new GenerationException(GenerationException.Kind.INVALID_REQUEST, e.getMessage());
        }
        try (ChainSession chain = net.open(subnet, manifest, prompted.length + maxNewTokens)) {
            Decoding.Outcome o = decoding.run(prompted, maxNewTokens, options, listener, hidden -> {
                try {
                    return chain.step(hidden);
                } catch (NoRouteException e) {
                    throw new GenerationException(GenerationException.Kind.UNAVAILABLE, e.getMessage());
                }
            });
            String route = chain.route().stream().map(Span::toString).collect(Collectors.joining(" → "));
            return new Result(
                    prompted.length,
                    o.tokens(),
                    o.text(),
                    o.stopped(),
                    route,
                    chain.failures(),
                    o.prefillNanos(),
                    o.decodeNanos());
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

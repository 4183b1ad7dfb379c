package org.hypertensor.openai.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.hypertensor.inference.api.generate.Completion;
import org.hypertensor.inference.api.generate.CompletionRequest;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.hypertensor.openai.internal.error.ApiError;
import org.hypertensor.openai.internal.error.ErrorKind;
import org.hypertensor.openai.internal.generate.StopFilter;
import org.hypertensor.openai.internal.request.CompletionParams;
import org.hypertensor.openai.internal.request.Endpoint;
import org.hypertensor.openai.internal.stats.EndpointStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generation answered over HTTP: whole, or streamed as server-sent events. A stream starts with the first
 * piece of text (or at the end), so a generation that fails before it still gets a plain error status; one
 * that fails later gets an error event and the stream ends.
 */
final class CompletionRun {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionRun.class);

    private final ObjectMapper json;
    private final EndpointStats stats;
    private final CompletionParams params;
    private final TextGenerator generator;
    private final CompletionRequest request;
    private final Responses responses;
    private final HttpServletResponse response;
    private SseStream sse;

    CompletionRun(
            ObjectMapper json,
            EndpointStats stats,
            CompletionParams params,
            TextGenerator generator,
            CompletionRequest request,
            Responses responses,
            HttpServletResponse response) {
        this.json = json;
        this.stats = stats;
        this.params = params;
        this.generator = generator;
        this.request = request;
        this.responses = responses;
        this.response = response;
    }

    void run() throws IOException {
        if (params.stream()) {
            stream();
        } else {
            whole();
        }
    }

    private void whole() throws IOException {
        StopFilter filter = new StopFilter(params.stop(), piece -> true);
        Completion c = generate(filter);
        filter.finish();
        byte[] body = json.writeValueAsBytes(responses.whole(filter.text(), finishReason(filter, c), usage(c)));
        stats.completed(c.promptTokens(), c.completionTokens());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void stream() {
        boolean usage = params.includeUsage();
        StopFilter filter = new StopFilter(params.stop(), piece -> start().event(responses.textChunk(piece, usage)));
        Completion c;
        try {
            c = generate(filter);
        } catch (ApiError e) {
            if (sse == null) {
                throw e;
            }
            stats.error(e.kind());
            LOG.warn("Generation with {} failed while streaming: {}", params.model(), e.getMessage());
            sse.event(e.body(json));
            return;
        }
        filter.finish();
        SseStream out = start();
        boolean sent = out.event(responses.finishChunk(finishReason(filter, c), usage))
                && (!usage || out.event(responses.usageChunk(usage(c))))
                && out.done();
        if (sent) {
            stats.completed(c.promptTokens(), c.completionTokens());
        } else {
            stats.clientGone();
            LOG.debug("Client of a {} stream went away", params.model());
        }
    }

    /** The event stream, its headers (and a chat's role chunk) sent the first time it is needed. */
    private SseStream start() {
        if (sse == null) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType(SseStream.CONTENT_TYPE);
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            try {
                sse = new SseStream(json, response.getOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (params.endpoint() == Endpoint.CHAT) {
                sse.event(responses.roleChunk(params.includeUsage()));
            }
        }
        return sse;
    }

    private Completion generate(StopFilter filter) {
        try {
            return generator.generate(request, filter);
        } catch (GenerationException e) {
            throw ApiError.of(e);
        } catch (RuntimeException e) {
            LOG.error("Generation with {} failed", params.model(), e);
            throw new ApiError(ErrorKind.INTERNAL, "the generation failed: " + e, null, e);
        }
    }

    private static String finishReason(StopFilter filter, Completion c) {
        return filter.matched() || c.finish() == Completion.Finish.STOP ? "stop" : "length";
    }

    private static Responses.Usage usage(Completion c) {
        return new Responses.Usage(c.promptTokens(), c.completionTokens());
    }
}

package org.hypertensor.openai.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.hypertensor.inference.api.generate.CompletionRequest;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.openai.internal.error.ApiError;
import org.hypertensor.openai.internal.error.ErrorKind;
import org.hypertensor.openai.internal.generate.Generators;
import org.hypertensor.openai.internal.request.CompletionParams;
import org.hypertensor.openai.internal.request.Endpoint;
import org.hypertensor.openai.internal.request.RequestParser;
import org.hypertensor.openai.internal.stats.EndpointStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible API under the configured prefix: {@code GET /models}, {@code GET /models/ID}, {@code POST
 * /completions}, {@code POST /chat/completions}. Every failure is answered in OpenAI's error shape.
 */
public final class OpenAiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiServlet.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Generators generators;
    private final transient EndpointStats stats;
    private final transient Clock clock;
    private final transient RequestParser parser = new RequestParser(JSON);
    private transient volatile EndpointSettings settings;

    public OpenAiServlet(Generators generators, EndpointStats stats, Clock clock, EndpointSettings settings) {
        this.generators = generators;
        this.stats = stats;
        this.clock = clock;
        this.settings = settings;
    }

    public void update(EndpointSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        stats.request();
        try {
            route(request, response);
        } catch (ApiError e) {
            stats.error(e.kind());
            if (e.kind().status() >= 500) {
                LOG.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            } else {
                LOG.debug("{} {}: {} {}", request.getMethod(), request.getRequestURI(), e.kind(), e.getMessage());
            }
            if (!response.isCommitted()) {
                write(response, e.kind().status(), JSON.writeValueAsBytes(e.body(JSON)));
            }
        } catch (IOException e) {
            // the client went away before its answer was read or written; nothing to tell it
            stats.clientGone();
            LOG.debug("{} {}: connection lost: {}", request.getMethod(), request.getRequestURI(), e.toString());
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String method = request.getMethod();
        if (path.equals("/models")) {
            allow(response, method, "GET");
            write(response, 200, JSON.writeValueAsBytes(Responses.modelList(JSON, generators.models())));
        } else if (path.startsWith("/models/")) {
            allow(response, method, "GET");
            String id = path.substring("/models/".length());
            Generators.Choice choice = generators.select(id).orElseThrow(() -> ApiError.modelNotFound(id));
            write(response, 200, JSON.writeValueAsBytes(Responses.model(JSON, choice)));
        } else if (path.equals(Endpoint.COMPLETIONS.path())) {
            allow(response, method, "POST");
            complete(request, response, Endpoint.COMPLETIONS);
        } else if (path.equals(Endpoint.CHAT.path())) {
            allow(response, method, "POST");
            complete(request, response, Endpoint.CHAT);
        } else {
            throw new ApiError(
                    ErrorKind.UNKNOWN_URL,
                    "Unknown request URL: " + method + " " + request.getRequestURI()
                            + ". This node serves GET models, POST completions and POST chat/completions under "
                            + settings.pathPrefix() + ".",
                    null);
        }
    }

    private void complete(HttpServletRequest request, HttpServletResponse response, Endpoint endpoint)
            throws IOException {
        EndpointSettings s = settings;
        CompletionParams p = parser.parse(body(request, response, s.maxBodyBytes()), endpoint);
        Generators.Choice choice = generators.select(p.model()).orElseThrow(() -> ApiError.modelNotFound(p.model()));
        int positions = choice.model().maxPositions();
        int maxTokens;
        if (p.maxTokens() == null) {
            maxTokens = positions > 1 ? Math.min(s.defaultMaxTokens(), positions - 1) : s.defaultMaxTokens();
        } else if (positions > 0 && p.maxTokens() >= positions) {
            throw ApiError.invalid(
                    p.maxTokensParam() + " is too large: " + p.maxTokens() + ". The model " + p.model()
                            + " has a context of " + positions + " tokens, prompt and completion together",
                    p.maxTokensParam());
        } else {
            maxTokens = p.maxTokens();
        }
        long seed = p.seed() != null ? p.seed() : ThreadLocalRandom.current().nextLong();
        SamplingOptions sampling = new SamplingOptions(p.temperature(), 0, p.topP(), seed);
        CompletionRequest generation = endpoint == Endpoint.CHAT
                ? CompletionRequest.chat(p.model(), p.messages(), maxTokens, sampling)
                : new CompletionRequest(p.model(), p.prompt(), maxTokens, sampling);
        if (!stats.tryStart(s.maxConcurrentGenerations())) {
            throw new ApiError(
                    ErrorKind.TOO_MANY_GENERATIONS,
                    "Too many generations at once: " + s.maxConcurrentGenerations()
                            + " are running (max.concurrent.generations); retry shortly",
                    null);
        }
        try {
            String id = endpoint.idPrefix()
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            Responses responses =
                    new Responses(JSON, endpoint, id, clock.instant().getEpochSecond(), p.model());
            new CompletionRun(JSON, stats, p, choice.entry().generator(), generation, responses, response).run();
        } finally {
            stats.end();
        }
    }

    private static void allow(HttpServletResponse response, String method, String allowed) {
        if (!method.equals(allowed)) {
            response.setHeader("Allow", allowed);
            throw new ApiError(
                    ErrorKind.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed here; use " + allowed, null);
        }
    }

    /** The request body, at most {@code limit} bytes; a larger one is a 413. */
    static byte[] body(HttpServletRequest request, HttpServletResponse response, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        InputStream in = request.getInputStream();
        if (declared <= limit) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length <= limit) {
                return body;
            }
        }
        // Drop a moderately oversized rest so the client reads the answer before the connection closes.
        response.setHeader("Connection", "close");
        long size = declared > 0 ? declared : limit + 1L;
        if (declared <= 4L * limit) {
            byte[] sink = new byte[8192];
            long left = 4L * limit;
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
                left -= n;
            }
        }
        throw new ApiError(
                ErrorKind.TOO_LARGE,
                "Request body of " + size + " bytes is larger than the limit of " + limit + " bytes (max.body.bytes)",
                null);
    }

    private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}

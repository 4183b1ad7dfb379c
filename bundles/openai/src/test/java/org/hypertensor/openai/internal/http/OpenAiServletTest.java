package org.hypertensor.openai.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.hypertensor.openai.internal.error.ErrorKind;
import org.hypertensor.openai.internal.generate.Generators;
import org.hypertensor.openai.internal.generate.PieceGenerator;
import org.hypertensor.openai.internal.stats.EndpointStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The servlet on a real Jetty 12 (the one Felix HTTP embeds) and a real loopback socket. */
class OpenAiServletTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Generators generators = new Generators();
    private final EndpointStats stats = new EndpointStats();
    private LoopbackServer server;

    private void start(EndpointSettings settings, PieceGenerator... gens) throws Exception {
        long id = 1;
        for (PieceGenerator g : gens) {
            generators.add(g, Map.of(TextGenerator.MODE, g.name(), "service.id", id++));
        }
        server = LoopbackServer.start(
                new OpenAiServlet(generators, stats, CLOCK, settings), settings.pathPrefix() + "/*");
    }

    private void start(PieceGenerator... gens) throws Exception {
        start(new EndpointSettings(true, "/v1", 4096, 2, 5), gens);
    }

    private static PieceGenerator local(String... pieces) {
        return new PieceGenerator("local", List.of(PieceGenerator.model("devnet", 64)), List.of(pieces));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, String type, String code, String param)
            throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode e = JSON.readTree(r.body()).get("error");
        assertEquals(type, e.get("type").asText());
        assertEquals(code, e.get("code").isNull() ? null : e.get("code").asText());
        assertEquals(param, e.get("param").isNull() ? null : e.get("param").asText());
        assertTrue(e.get("message").asText().length() > 10, r.body());
    }

    @Test
    void aWholeCompletionWithUsage() throws Exception {
        PieceGenerator gen = local("He", "llo", " wor", "ld");
        start(gen);
        HttpResponse<String> r =
                post("/v1/completions", "{\"model\":\"devnet\",\"prompt\":\"Hi\",\"max_tokens\":3,\"temperature\":0}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertTrue(body.get("id").asText().startsWith("cmpl-"));
        assertEquals("text_completion", body.get("object").asText());
        assertEquals(1_700_000_000, body.get("created").asLong());
        assertEquals("devnet", body.get("model").asText());
        JsonNode choice = body.get("choices").get(0);
        assertEquals("Hello wor", choice.get("text").asText());
        assertEquals("length", choice.get("finish_reason").asText());
        assertEquals(0, choice.get("index").asInt());
        assertEquals(
                JSON.readTree("{\"prompt_tokens\":2,\"completion_tokens\":3,\"total_tokens\":5}"), body.get("usage"));
        assertTrue(gen.requests().get(0).sampling().greedy());
        assertEquals(3, gen.requests().get(0).maxTokens());
        assertEquals(1, stats.completions());
    }

    @Test
    void aStreamedChatIsFramedAsOpenAiDoes() throws Exception {
        start(local("a", "b"));
        HttpResponse<String> r = post(
                "/v1/chat/completions",
                "{\"model\":\"devnet\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true}}");
        assertEquals(200, r.statusCode());
        assertEquals(
                "text/event-stream;charset=utf-8",
                r.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
        String[] events = r.body().split("\n\n", -1);
        assertEquals(7, events.length, r.body());
        assertEquals("", events[6], "the body ends with a blank line");
        assertEquals("data: [DONE]", events[5]);
        for (int i = 0; i < 5; i++) {
            assertTrue(events[i].startsWith("data: {") && !events[i].contains("\n"), events[i]);
        }
        JsonNode role = JSON.readTree(events[0].substring(6));
        assertEquals("chat.completion.chunk", role.get("object").asText());
        assertTrue(role.get("id").asText().startsWith("chatcmpl-"));
        assertEquals("assistant", role.at("/choices/0/delta/role").asText());
        assertTrue(role.get("usage").isNull());
        assertEquals(
                "a",
                JSON.readTree(events[1].substring(6))
                        .at("/choices/0/delta/content")
                        .asText());
        assertEquals(
                "b",
                JSON.readTree(events[2].substring(6))
                        .at("/choices/0/delta/content")
                        .asText());
        JsonNode finish = JSON.readTree(events[3].substring(6));
        assertEquals("stop", finish.at("/choices/0/finish_reason").asText(), "the model's end token");
        assertEquals(0, finish.at("/choices/0/delta").size());
        JsonNode usage = JSON.readTree(events[4].substring(6));
        assertEquals(0, usage.get("choices").size());
        assertEquals(2, usage.at("/usage/completion_tokens").asInt());
        assertEquals(
                "<|user|>\nx\n<|assistant|>\n".length(),
                usage.at("/usage/prompt_tokens").asInt());
        for (int i = 0; i < 5; i++) {
            assertEquals(role.get("id"), JSON.readTree(events[i].substring(6)).get("id"), "one id for the stream");
        }
    }

    @Test
    void aStreamedCompletionHoldsBackAndTrimsAStopSplitAcrossPieces() throws Exception {
        PieceGenerator gen = local("one ", "tw", "o#", "#three", "four");
        start(gen);
        HttpResponse<String> r = post(
                "/v1/completions",
                "{\"model\":\"devnet\",\"prompt\":\"p\",\"stream\":true,\"stop\":[\"o##\",\"zz\"],\"max_tokens\":50}");
        List<String> texts = new ArrayList<>();
        String finish = null;
        for (String event : r.body().split("\n\n")) {
            if (event.equals("data: [DONE]")) {
                continue;
            }
            JsonNode chunk = JSON.readTree(event.substring(6));
            assertEquals("text_completion", chunk.get("object").asText());
            texts.add(chunk.at("/choices/0/text").asText());
            if (!chunk.at("/choices/0/finish_reason").isNull()) {
                finish = chunk.at("/choices/0/finish_reason").asText();
            }
        }
        assertEquals(List.of("one ", "tw", ""), texts, "o# was held back, then o## matched and was trimmed");
        assertEquals("stop", finish);
        assertTrue(r.body().endsWith("data: [DONE]\n\n"));
        JsonNode whole = JSON.readTree(
                post("/v1/completions", "{\"model\":\"devnet\",\"prompt\":\"p\",\"stop\":\"o##\",\"max_tokens\":50}")
                        .body());
        assertEquals("one tw", whole.at("/choices/0/text").asText());
        assertEquals("stop", whole.at("/choices/0/finish_reason").asText());
        assertEquals(4, whole.at("/usage/completion_tokens").asInt(), "the generator stopped at the 4th piece");
    }

    @Test
    void modelsAreTheUnionAndDistributedServesFirst() throws Exception {
        PieceGenerator local = new PieceGenerator(
                "local", List.of(PieceGenerator.model("devnet", 64), PieceGenerator.model("tiny", 32)), List.of("L"));
        PieceGenerator distributed =
                new PieceGenerator("distributed", List.of(PieceGenerator.model("devnet", 64)), List.of("D"));
        start(local, distributed);
        JsonNode list = JSON.readTree(get("/v1/models").body());
        assertEquals("list", list.get("object").asText());
        assertEquals(2, list.get("data").size());
        assertEquals("devnet", list.at("/data/0/id").asText());
        assertEquals("distributed", list.at("/data/0/mode").asText());
        assertEquals("model", list.at("/data/0/object").asText());
        assertEquals("tiny", list.at("/data/1/id").asText());
        assertEquals(
                "local",
                JSON.readTree(get("/v1/models/tiny").body()).get("mode").asText());
        String text = JSON.readTree(post("/v1/completions", "{\"model\":\"devnet\",\"prompt\":\"p\"}")
                        .body())
                .at("/choices/0/text")
                .asText();
        assertEquals("D", text);
        assertEquals(5, distributed.requests().get(0).maxTokens(), "the configured default (5), under the context");
    }

    @Test
    void eachErrorHasItsStatusAndOpenAiShape() throws Exception {
        start(local("x"));
        assertError(post("/v1/completions", "{\"model\":"), 400, "invalid_request_error", null, null);
        assertError(
                post("/v1/completions", "{\"model\":\"devnet\",\"prompt\":\"p\",\"n\":3}"),
                400,
                "invalid_request_error",
                null,
                "n");
        assertError(
                post("/v1/completions", "{\"model\":\"devnet\",\"prompt\":\"p\",\"max_tokens\":64}"),
                400,
                "invalid_request_error",
                null,
                "max_tokens");
        assertError(
                post("/v1/completions", "{\"model\":\"gpt-9\",\"prompt\":\"p\"}"),
                404,
                "invalid_request_error",
                "model_not_found",
                "model");
        assertError(get("/v1/models/gpt-9"), 404, "invalid_request_error", "model_not_found", "model");
        assertError(post("/v1/embeddings", "{}"), 404, "invalid_request_error", "unknown_url", null);
        HttpResponse<String> wrongMethod = get("/v1/completions");
        assertError(wrongMethod, 405, "invalid_request_error", "method_not_allowed", null);
        assertEquals("POST", wrongMethod.headers().firstValue("Allow").orElseThrow());
        assertError(post("/v1/models", "{}"), 405, "invalid_request_error", "method_not_allowed", null);
        String big = "{\"model\":\"devnet\",\"prompt\":\"" + "a".repeat(5000) + "\"}";
        assertError(post("/v1/completions", big), 413, "invalid_request_error", "request_too_large", null);
        assertEquals(1, stats.errors(ErrorKind.TOO_LARGE));
        assertEquals(2, stats.errors(ErrorKind.MODEL_NOT_FOUND));
        awaitNoneInFlight();
    }

    @Test
    void generatorFailuresMapToTheirStatus() throws Exception {
        PieceGenerator unavailable = new PieceGenerator(
                        "local", List.of(PieceGenerator.model("busy", 64)), List.of("a"))
                .failAfter(0, new GenerationException(GenerationException.Kind.UNAVAILABLE, "no route to block 2"));
        PieceGenerator broken = new PieceGenerator("other", List.of(PieceGenerator.model("broken", 64)), List.of("a"))
                .failAfter(0, new GenerationException(GenerationException.Kind.INTERNAL, "the engine broke"));
        PieceGenerator tooLong = new PieceGenerator(
                        "distributed", List.of(PieceGenerator.model("long", 64)), List.of("a"))
                .failAfter(0, new GenerationException(GenerationException.Kind.INVALID_REQUEST, "prompt too long"));
        start(unavailable, broken, tooLong);
        HttpResponse<String> r = post("/v1/completions", "{\"model\":\"busy\",\"prompt\":\"p\"}");
        assertError(r, 503, "server_error", "service_unavailable", null);
        assertEquals(
                "no route to block 2",
                JSON.readTree(r.body()).at("/error/message").asText());
        assertError(
                post("/v1/completions", "{\"model\":\"broken\",\"prompt\":\"p\"}"), 500, "server_error", null, null);
        assertError(
                post("/v1/completions", "{\"model\":\"long\",\"prompt\":\"p\",\"stream\":true}"),
                400,
                "invalid_request_error",
                null,
                null);
    }

    @Test
    void aStreamThatFailsMidwaySendsAnErrorEventThenEnds() throws Exception {
        start(local("a", "b", "c")
                .failAfter(2, new GenerationException(GenerationException.Kind.UNAVAILABLE, "server 3 gone")));
        HttpResponse<String> r = post("/v1/completions", "{\"model\":\"devnet\",\"prompt\":\"p\",\"stream\":true}");
        assertEquals(200, r.statusCode());
        String[] events = r.body().split("\n\n");
        assertEquals(3, events.length, r.body());
        JsonNode error = JSON.readTree(events[2].substring(6)).get("error");
        assertEquals("server 3 gone", error.get("message").asText());
        assertEquals("server_error", error.get("type").asText());
        assertTrue(!r.body().contains("[DONE]"), "a failed stream is not marked done");
        assertEquals(1, stats.errors(ErrorKind.UNAVAILABLE));
    }

    @Test
    void aClientThatGoesAwayMidStreamStopsTheGeneration() throws Exception {
        int pieces = 500_000;
        PieceGenerator endless = new PieceGenerator(
                "local", List.of(PieceGenerator.model("long", pieces + 10)), Collections.nCopies(pieces, "x"));
        start(endless);
        String body = "{\"model\":\"long\",\"prompt\":\"p\",\"stream\":true,\"max_tokens\":" + pieces + "}";
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.getOutputStream()
                    .write(("POST /v1/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + body.length() + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.UTF_8));
            byte[] first = socket.getInputStream().readNBytes(64);
            assertTrue(new String(first, StandardCharsets.UTF_8).startsWith("HTTP/1.1 200"));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stats.clientsGone() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, stats.clientsGone(), "the lost client is counted");
        assertTrue(endless.told() < pieces, "the generator was stopped after " + endless.told() + " pieces");
        awaitNoneInFlight();
        assertEquals(0, stats.completions());
    }

    @Test
    void moreConcurrentGenerationsThanAllowedGet429() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        start(local("a").blockOn(started, release));
        String body = "{\"model\":\"devnet\",\"prompt\":\"p\"}";
        List<CompletableFuture<HttpResponse<String>>> running = List.of(
                CompletableFuture.supplyAsync(() -> send(body)), CompletableFuture.supplyAsync(() -> send(body)));
        assertTrue(started.await(20, TimeUnit.SECONDS), "two generations run");
        assertEquals(2, stats.inFlight());
        assertError(post("/v1/completions", body), 429, "requests", "rate_limit_exceeded", null);
        release.countDown();
        for (CompletableFuture<HttpResponse<String>> f : running) {
            assertEquals(200, f.get(20, TimeUnit.SECONDS).statusCode());
        }
        awaitNoneInFlight();
        assertEquals(200, post("/v1/completions", body).statusCode(), "slots are given back");
    }

    /** A slot is given back just after the answer was written: wait for it, with a deadline. */
    private void awaitNoneInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stats.inFlight() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, stats.inFlight());
    }

    private HttpResponse<String> send(String body) {
        try {
            return post("/v1/completions", body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

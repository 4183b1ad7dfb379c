package org.hypertensor.openai.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.inference.api.generate.Completion;
import org.hypertensor.inference.api.generate.CompletionRequest;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.hypertensor.inference.internal.engines.EngineRegistry;
import org.hypertensor.inference.internal.generate.LocalTextGenerator;
import org.hypertensor.inference.internal.host.BlockHostImpl;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.internal.store.ModelStore;
import org.hypertensor.openai.internal.generate.Generators;
import org.hypertensor.openai.internal.http.EndpointSettings;
import org.hypertensor.openai.internal.http.LoopbackServer;
import org.hypertensor.openai.internal.http.OpenAiServlet;
import org.hypertensor.openai.internal.stats.EndpointStats;
import org.hypertensor.plugin.api.engine.EngineProperties;

/**
 * What the OpenAI endpoint adds to a generation: one greedy completion of {@code tokens} tokens with the real
 * local generator (Java engine, generated model), called directly, then through {@code POST /v1/completions}
 * (whole and streamed) on the same servlet and Jetty the node runs, over loopback. Runs are interleaved;
 * medians of N. A harness, not a test (command in docs/benchmarks.md).
 */
public final class EndpointBench {

    private EndpointBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int tokens = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        String size = args.length > 2 ? args[2] : "small";
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path root = Files.createTempDirectory("openai-bench");
        ModelStore store = new ModelStore(root);
        store.generate("bench", size, 42, LoadProgress.NONE);
        try (JavaEngine engine = new JavaEngine(threads, 256L << 20)) {
            EngineRegistry registry = new EngineRegistry();
            registry.addEngine(
                    engine,
                    Map.of(
                            EngineProperties.NAME,
                            "java",
                            EngineProperties.DEVICE,
                            "cpu",
                            EngineProperties.PRIORITY,
                            10));
            LocalTextGenerator generator = new LocalTextGenerator(store, new BlockHostImpl(registry));
            Generators generators = new Generators();
            generators.add(generator, Map.of(TextGenerator.MODE, "local", "service.id", 1L));
            LoopbackServer server = LoopbackServer.start(
                    new OpenAiServlet(
                            generators,
                            new EndpointStats(),
                            Clock.systemUTC(),
                            new EndpointSettings(true, "/v1", 1 << 20, 4, 16)),
                    "/v1/*");
            try {
                String prompt = "The quick brown fox";
                CompletionRequest direct = new CompletionRequest("bench", prompt, tokens, SamplingOptions.GREEDY);
                HttpClient http = HttpClient.newHttpClient();
                URI uri = server.uri("/v1/completions");
                String body = "{\"model\":\"bench\",\"prompt\":\"" + prompt + "\",\"max_tokens\":" + tokens
                        + ",\"temperature\":0";
                HttpRequest whole = HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofString(body + "}"))
                        .build();
                HttpRequest streamed = HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofString(body + ",\"stream\":true}"))
                        .build();
                long[][] nanos = new long[3][runs];
                for (int i = -3; i < runs; i++) { // 3 warm-up rounds
                    long t0 = System.nanoTime();
                    Completion c = generator.generate(direct, piece -> true);
                    long t1 = System.nanoTime();
                    HttpResponse<String> w = http.send(whole, HttpResponse.BodyHandlers.ofString());
                    long t2 = System.nanoTime();
                    HttpResponse<String> s = http.send(streamed, HttpResponse.BodyHandlers.ofString());
                    long t3 = System.nanoTime();
                    if (c.completionTokens() != tokens
                            || w.statusCode() != 200
                            || !w.body().contains(json(c.text()))
                            || s.statusCode() != 200) {
                        throw new IllegalStateException("unexpected answer: " + w.body());
                    }
                    if (i >= 0) {
                        nanos[0][i] = t1 - t0;
                        nanos[1][i] = t2 - t1;
                        nanos[2][i] = t3 - t2;
                    }
                }
                double direct1 = median(nanos[0]);
                System.out.printf(
                        Locale.ROOT,
                        "model %s, %d greedy tokens, %d runs, %d engine threads (medians)%n",
                        size,
                        tokens,
                        runs,
                        threads);
                System.out.printf(Locale.ROOT, "direct TextGenerator.generate  %8.2f ms%n", direct1);
                report("POST /v1/completions (whole)", median(nanos[1]), direct1);
                report("POST /v1/completions (stream)", median(nanos[2]), direct1);
            } finally {
                server.stop();
                generator.close();
            }
        }
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void report(String what, double ms, double direct) {
        System.out.printf(
                Locale.ROOT,
                "%-30s %8.2f ms  overhead %+6.2f ms (%+5.1f %%)%n",
                what,
                ms,
                ms - direct,
                100 * (ms - direct) / direct);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0) / 1e6;
    }
}

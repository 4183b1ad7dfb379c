package org.hypertensor.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a real node process, scraped as Prometheus does and parsed line by line against the
 * text exposition format: the chain's gauges follow block production, every family a node with the chain, p2p
 * and RPC has is there, the RPC counters move with the calls this test makes, the JVM's figures are there, and
 * every metric the Grafana dashboard ({@code docs/grafana-dashboard.json}) queries exists.
 */
class MetricsIT {

    private static final Path LAUNCHER =
            NodeContainer.DIST.resolve("bin/hypertensor").toAbsolutePath();
    /** A sample line: name, optional labels, a value (Go float syntax), an optional timestamp. */
    private static final Path DASHBOARD = Path.of("../docs/grafana-dashboard.json");
    /** A metric name in a PromQL expression of the dashboard. */
    private static final Pattern QUERIED = Pattern.compile("\\b(?:hypertensor|jvm|process)_[a-z_]+\\b");
    /** The families a node with the chain, chain modules, p2p, chain network and RPC exposes. */
    private static final List<String> FAMILIES = List.of(
            "hypertensor_chain_best_block",
            "hypertensor_chain_finalized_block",
            "hypertensor_pool_transactions",
            "hypertensor_pool_future_transactions",
            "hypertensor_p2p_connections",
            "hypertensor_p2p_peers{stake=\"staked\"}",
            "hypertensor_p2p_peers{stake=\"unstaked\"}",
            "hypertensor_sync_syncing",
            "hypertensor_sync_highest_block",
            "hypertensor_sync_peers",
            "hypertensor_sync_banned_peers",
            "hypertensor_rpc_requests_total{method=\"chain_getHeader\"}",
            "hypertensor_rpc_errors_total{method=\"(unknown)\"}",
            "jvm_memory_used_bytes",
            "jvm_threads_current",
            "process_cpu_seconds_total");

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? ([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?");

    @Test
    void prometheusScrapesTheChainAndTheJvm(@TempDir Path home) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(
                home.resolve("etc/org.hypertensor.rpc.cfg"), "bind.address = 127.0.0.1\nport = " + port + "\n");
        ProcessBuilder start = new ProcessBuilder(LAUNCHER.toString(), "start", "--home", home.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("node.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        start.environment()
                .put("JAVA_OPTS", "-Dhypertensor.features.start=validator,chain-modules,p2p,chain-network,rpc,metrics");
        Process node = start.start();
        try {
            Map<String, Double> first = awaitScrape(port, node, home, 1);
            assertTrue(
                    first.containsKey("jvm_memory_used_bytes"), first.keySet().toString());
            assertTrue(
                    first.containsKey("hypertensor_pool_transactions"),
                    first.keySet().toString());
            double best = first.get("hypertensor_chain_best_block");
            for (int i = 0; i < 3; i++) {
                rpc(port, "chain_getHeader");
            }
            rpc(port, "no_suchMethod");
            Map<String, Double> later = awaitScrape(port, node, home, best + 2);
            assertTrue(
                    later.get("hypertensor_chain_finalized_block") >= best + 1,
                    "the single authority finalizes what it seals: " + later);
            for (String family : FAMILIES) {
                assertTrue(later.containsKey(family), family + " missing: " + later.keySet());
            }
            double headers = later.get("hypertensor_rpc_requests_total{method=\"chain_getHeader\"}");
            assertTrue(headers >= 3, "three calls counted: " + headers);
            assertTrue(later.get("hypertensor_rpc_errors_total{method=\"(unknown)\"}") >= 1, later.toString());
            rpc(port, "chain_getHeader");
            Map<String, Double> last = awaitScrape(port, node, home, best + 2);
            assertTrue(
                    last.get("hypertensor_rpc_requests_total{method=\"chain_getHeader\"}") >= headers + 1,
                    "the counter moves: " + last);
            Matcher queried = QUERIED.matcher(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
            int names = 0;
            while (queried.find()) {
                names++;
                assertTrue(
                        last.containsKey(queried.group()),
                        "the dashboard queries " + queried.group() + ", which the node does not expose");
            }
            assertTrue(names > 10, "the dashboard queries the node's metrics");
        } finally {
            node.destroy();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    /** Scrapes until the best block reaches {@code atLeast}; returns each metric's first sample. */
    private static Map<String, Double> awaitScrape(int port, Process node, Path home, double atLeast) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "";
        while (System.nanoTime() < deadline) {
            assertTrue(node.isAlive(), () -> "the node exited: " + read(home.resolve("node.out")));
            try {
                HttpResponse<String> r = http.send(scrape, HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200) {
                    assertTrue(
                            r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                            r.headers().toString());
                    Map<String, Double> samples = parse(r.body());
                    Double best = samples.get("hypertensor_chain_best_block");
                    if (best != null && best >= atLeast) {
                        return samples;
                    }
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "/metrics never showed block " + atLeast + ": " + last + "\n" + read(home.resolve("node.out")));
    }

    /** One JSON-RPC call over HTTP; the answer. */
    private static String rpc(int port, String method) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[]}"))
                .build();
        return http.send(call, HttpResponse.BodyHandlers.ofString()).body();
    }

    /**
     * Parses the text format strictly: every line a comment (HELP/TYPE once per family) or a sample. Each
     * metric's first sample is under its name, and each series under its name and labels as written.
     */
    static Map<String, Double> parse(String body) {
        Map<String, Double> first = new HashMap<>();
        Set<String> typed = new HashSet<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                assertEquals(4, parts.length, line);
                assertTrue(typed.add(parts[2]), "TYPE twice for " + parts[2]);
                assertTrue(
                        Set.of("counter", "gauge", "histogram", "summary", "untyped", "info", "stateset")
                                .contains(parts[3]),
                        line);
            } else if (line.startsWith("#") || line.isEmpty()) {
                continue;
            } else {
                Matcher m = SAMPLE.matcher(line);
                assertTrue(m.matches(), "not a sample line: " + line);
                Double value = Double.valueOf(m.group(3).replace("Inf", "Infinity"));
                first.putIfAbsent(m.group(1), value);
                if (m.group(2) != null) {
                    first.put(m.group(1) + m.group(2), value);
                }
            }
        }
        return first;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}

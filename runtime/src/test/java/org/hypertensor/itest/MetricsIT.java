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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} of a real node process, scraped as Prometheus does and parsed line by line against the
 * text exposition format: the chain's gauges follow block production, every family a node with the chain, p2p
 * and RPC has is there, the RPC counters move with the calls this test makes, the JVM's figures are there
 * (StatusPageIT checks the dashboard against a node with inference too).
 */
class MetricsIT {

    private static final Path LAUNCHER =
            NodeContainer.DIST.resolve("bin/hypertensor").toAbsolutePath();
    /** The families a node with the chain, chain modules, p2p, chain network and RPC exposes. */
    private static final List<String> FAMILIES = List.of(
            "hypertensor_chain_best_block",
            "hypertensor_chain_finalized_block",
            "hypertensor_chain_bodies_from",
            "hypertensor_state_keys",
            "hypertensor_state_oldest_block",
            "hypertensor_state_history_rows",
            "hypertensor_block_import_seconds_count{origin=\"produced\"}",
            "hypertensor_block_import_seconds_bucket{origin=\"produced\",le=\"+Inf\"}",
            "hypertensor_pool_transactions",
            "hypertensor_pool_future_transactions",
            "hypertensor_p2p_connections",
            "hypertensor_p2p_peers{stake=\"staked\"}",
            "hypertensor_p2p_peers{stake=\"unstaked\"}",
            "hypertensor_sync_syncing",
            "hypertensor_sync_highest_block",
            "hypertensor_sync_peers",
            "hypertensor_sync_banned_peers",
            "hypertensor_gossip_messages_total{kind=\"in\"}",
            "hypertensor_gossip_messages_total{kind=\"out\"}",
            "hypertensor_gossip_messages_total{kind=\"refused\"}",
            "hypertensor_rpc_requests_total{method=\"chain_getHeader\"}",
            "hypertensor_rpc_errors_total{method=\"(unknown)\"}",
            "jvm_memory_used_bytes",
            "jvm_threads_current",
            "process_cpu_seconds_total");

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
            assertEquals(0.0, later.get("hypertensor_chain_bodies_from"), "every body kept by default");
            assertTrue(later.get("hypertensor_state_keys") > 0, later.toString());
            assertTrue(later.get("hypertensor_state_oldest_block") >= 0, later.toString());
            assertEquals(0.0, later.get("hypertensor_state_history_rows"), "pruned mode by default");
            double headers = later.get("hypertensor_rpc_requests_total{method=\"chain_getHeader\"}");
            assertTrue(headers >= 3, "three calls counted: " + headers);
            assertTrue(later.get("hypertensor_rpc_errors_total{method=\"(unknown)\"}") >= 1, later.toString());
            rpc(port, "chain_getHeader");
            Map<String, Double> last = awaitScrape(port, node, home, best + 2);
            assertTrue(
                    last.get("hypertensor_rpc_requests_total{method=\"chain_getHeader\"}") >= headers + 1,
                    "the counter moves: " + last);
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
                    Map<String, Double> samples = PromText.parse(r.body());
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

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}

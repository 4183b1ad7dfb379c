package org.hypertensor.itest;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The status page of a real devnet node, rendered by headless Chromium (Debian's {@code chromium}; skipped
 * where it is not installed): the node validates the chain and serves blocks 0:2 of the 4-block devnet model
 * as //Alice's staked node, so the page must show the head block the node reports over RPC, subnet 1 with
 * its model, the server's cells for blocks 0 and 1 and red gaps at blocks 2 and 3. Its /metrics has every
 * source's figures, and every metric the Grafana dashboard ({@code docs/grafana-dashboard.json}) queries.
 * With {@code -Dhypertensor.status.screenshot=FILE} it also saves a screenshot (docs/status-page.png).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StatusPageIT extends RpcContainer {

    private static final String DEVNET_MODEL = "422ca34e7f01fa2659afc558376d5bc099a5a94073307bee3e3ea713a875b77c";
    private static final Pattern HEAD = Pattern.compile("id=\"head\">(\\d+)<");
    private static final Pattern NUMBER = Pattern.compile("\"number\":\"0x([0-9a-f]+)\"");
    private static final Pattern SERVER = Pattern.compile("(\\S+)\\s+0:2\\s+ONLINE");

    @Override
    protected void prepareHome(Path home) throws IOException {
        super.prepareHome(home);
        // the devnet chain at genesis stakes //Alice's node in subnet 1: this node takes that identity
        Files.writeString(
                home.resolve("etc/org.hypertensor.p2p.cfg"),
                "identity.dev.uri = //Alice//p2p\nlisten = /ip4/127.0.0.1/tcp/0\n");
        Files.writeString(home.resolve("etc/org.hypertensor.dht.cfg"), "admission = open\n");
        Files.writeString(
                home.resolve("etc/org.hypertensor.inference.net.server.cfg"),
                "model = devnet\nblocks = 0:2\njoin.delay.max.seconds = 0\n");
        Files.writeString(home.resolve("etc/org.hypertensor.inference.net.client.cfg"), "model = devnet\n");
    }

    /** The peer id of this node's server, once it serves (set up once for both tests of the class). */
    private static String server;

    private static synchronized String servingNode() throws Exception {
        if (server == null) {
            shell("feature:install inference");
            shell("model:generate devnet small");
            shell("feature:install inference-net");
            shell("feature:install chain-network");
            shell("feature:install metrics");
            server = awaitOnlineServer();
        }
        return server;
    }

    @Test
    public void chromiumShowsHeadSubnetAndCoverage() throws Exception {
        String chromium = chromium();
        assumeTrue("chromium is not installed: apt-get install chromium", chromium != null);
        String peer = servingNode();
        String url = "http://127.0.0.1:" + port() + "/status";
        awaitJson(url + ".json", "\"gaps\":[2,3]");

        long before = head();
        String dom = chromium(chromium, "--dump-dom", url);
        long after = head();

        Matcher shown = HEAD.matcher(dom);
        assertTrue("no head on the page: " + dom, shown.find());
        long head = Long.parseLong(shown.group(1));
        assertTrue(before + " <= " + head + " <= " + after, before <= head && head <= after);
        assertTrue(dom, dom.contains("Subnet 1: devnet"));
        assertTrue(dom, dom.contains(DEVNET_MODEL));
        for (int block : new int[] {0, 1}) {
            assertTrue("block " + block + " served: " + dom, dom.matches(servedCell(peer, block)));
            assertFalse("no gap at " + block + ": " + dom, dom.matches(gapCell(block)));
        }
        for (int block : new int[] {2, 3}) {
            assertTrue("gap at " + block + ": " + dom, dom.matches(gapCell(block)));
            assertFalse("block " + block + " not served: " + dom, dom.matches(servedCell(peer, block)));
        }
        String screenshot = System.getProperty("hypertensor.status.screenshot");
        if (screenshot != null) {
            chromium(chromium, "--screenshot=" + Path.of(screenshot).toAbsolutePath(), "--window-size=1280,900", url);
        }
    }

    /**
     * The same node's /metrics (it runs every source: chain, p2p, chain network, DHT, inference, RPC) has its
     * block server's and DHT's figures, and every metric the Grafana dashboard queries.
     */
    @Test
    public void metricsHaveTheServerAndTheDashboardsFamilies() throws Exception {
        servingNode();
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build();
        String body = "";
        Map<String, Double> metrics = Map.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Set<String> queried = PromText.dashboardMetrics();
        // the server's own announcement is a DHT record; the sync sources come with chain-network; an RPC call
        // makes the RPC counters' first series; the block-time histogram has its first series with the first block
        // (a scrape before it failed the check below once in CI)
        while (metrics.getOrDefault("hypertensor_dht_records", 0.0) < 1
                || !metrics.containsKey("hypertensor_sync_peers")
                || !metrics.containsKey("hypertensor_rpc_requests_total")
                || !PromText.names(body).containsAll(queried)) {
            Set<String> missing = new java.util.TreeSet<>(queried);
            missing.removeAll(PromText.names(body));
            assertTrue(
                    "/metrics lacks the DHT's records, sync or dashboard metrics " + missing + ": " + metrics,
                    System.nanoTime() < deadline);
            Thread.sleep(250);
            try {
                rpc("chain_getHeader", "[]");
                HttpResponse<String> r = http.send(scrape, HttpResponse.BodyHandlers.ofString());
                body = r.body();
                // 404 until the metrics servlet is registered
                metrics = r.statusCode() == 200 ? PromText.parse(body) : Map.of();
            } catch (IOException e) {
                metrics = Map.of("(" + e + ")", 0.0); // the shared HTTP server not listening yet
            }
        }
        for (String family : List.of(
                "hypertensor_inference_sessions",
                "hypertensor_inference_step_tokens_total",
                "hypertensor_inference_cache_used_bytes",
                "hypertensor_dht_routing_peers")) {
            assertTrue(family + ": " + metrics, metrics.containsKey(family));
        }
        assertTrue(metrics.toString(), metrics.get("hypertensor_inference_cache_budget_bytes") > 0);
        assertTrue(queried.toString(), queried.size() > 10);
        Set<String> exposed = PromText.names(body);
        for (String name : queried) {
            assertTrue(
                    "the dashboard queries " + name + ", which the node does not expose: " + exposed,
                    exposed.contains(name));
        }
    }

    private static String servedCell(String server, int block) {
        return "(?s).*<rect[^>]*class=\"cell served online\"[^>]*data-server=\"" + Pattern.quote(server)
                + "\"[^>]*data-block=\"" + block + "\".*";
    }

    private static String gapCell(int block) {
        return "(?s).*<rect[^>]*fill=\"#d32f2f\" class=\"cell gap\" data-block=\"" + block + "\".*";
    }

    /** Waits (minutes on a busy machine: the model is measured first) for this node's server to come ONLINE. */
    private static String awaitOnlineServer() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            String servers = printed("infer:servers");
            Matcher m = SERVER.matcher(servers);
            if (m.find()) {
                return m.group(1);
            }
            assertTrue("the server never came ONLINE: " + servers, System.nanoTime() < deadline);
            Thread.sleep(500);
        }
    }

    private void awaitJson(String url, String expected) throws Exception {
        HttpRequest get = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (!last.contains(expected)) {
            assertTrue(url + " never showed " + expected + ": " + last, System.nanoTime() < deadline);
            try {
                last = http.send(get, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                last = e.toString(); // the servlet not registered yet
            }
            Thread.sleep(250);
        }
    }

    private long head() throws Exception {
        Matcher m = NUMBER.matcher(rpc("chain_getHeader", "[]"));
        assertTrue(m.find());
        return Long.parseLong(m.group(1), 16);
    }

    /** Runs headless Chromium on {@code url} after the page's script ran; returns what it printed. */
    private static String chromium(String binary, String action, String... more) throws Exception {
        Path profile = Files.createTempDirectory("chromium-profile-");
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=5000",
                action));
        command.addAll(List.of(more));
        Path log = Files.createTempFile("chromium-", ".log");
        Process p = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue("chromium did not finish", p.waitFor(120, TimeUnit.SECONDS));
        assertTrue("chromium failed: " + Files.readString(log, StandardCharsets.UTF_8), p.exitValue() == 0);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The chromium binary on the PATH, or null. */
    private static String chromium() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        try (Stream<String> dirs = Stream.of(path.split(File.pathSeparator))) {
            return dirs.map(d -> Path.of(d, "chromium"))
                    .filter(Files::isExecutable)
                    .map(Path::toString)
                    .findFirst()
                    .orElse(null);
        }
    }

    private static String printed(String command) {
        try {
            return shell(command);
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
    }
}

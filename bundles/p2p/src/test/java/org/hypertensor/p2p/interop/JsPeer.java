package org.hypertensor.p2p.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.junit.jupiter.api.Assumptions;

/**
 * A js-libp2p peer of {@code interop/} (by default {@code peer.mjs}; the dht bundle's tests run
 * {@code dht-peer.mjs}) in a child process, driven by the JSON lines of {@code interop/node.mjs}. Installs
 * the packages with {@code npm ci} when {@code node_modules} is missing; skips the test (with the reason)
 * only when node or npm is not installed. The folder is the {@code interop.dir} system property.
 */
public final class JsPeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Writer stdin;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final List<String> stderr = new ArrayList<>();
    public final PeerId peerId;
    public final Multiaddr address;

    private JsPeer(Path dir, String script) throws Exception {
        process = new ProcessBuilder("node", script).directory(dir.toFile()).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread out = new Thread(this::readStdout, "js-peer-stdout");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            synchronized (stderr) {
                                stderr.add(line);
                            }
                        }
                    } catch (IOException e) {
                        // process ended
                    }
                },
                "js-peer-stderr");
        err.setDaemon(true);
        err.start();
        JsonNode r;
        try {
            r = ready.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("js peer did not start: " + stderrTail(), e);
        }
        peerId = PeerId.parse(r.get("peerId").asText());
        address = Multiaddr.parse(r.get("addrs").get(0).asText());
    }

    /** Starts {@code peer.mjs}, the libp2p peer of the p2p interop tests. */
    public static JsPeer start() throws Exception {
        return start("peer.mjs");
    }

    /** Starts the given script of the interop folder, running {@code npm ci} first if its packages are not installed. */
    public static JsPeer start(String script) throws Exception {
        Path dir = Path.of(System.getProperty("interop.dir", "interop")).toAbsolutePath();
        Assumptions.assumeTrue(onPath("node"), "node is not installed: js-libp2p interop tests skipped");
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            Assumptions.assumeTrue(onPath("npm"), "npm is not installed: js-libp2p interop tests skipped");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + dir);
            }
        }
        return new JsPeer(dir, script);
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    private void readStdout() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                if (n.has("event")) {
                    if (n.get("event").asText().equals("ready")) {
                        ready.complete(n);
                    } else if (n.get("event").asText().equals("message")) {
                        messages.add(n);
                    }
                } else if (n.has("id")) {
                    CompletableFuture<JsonNode> f = pending.remove(n.get("id").asInt());
                    if (f != null) {
                        f.complete(n);
                    }
                }
            }
        } catch (IOException e) {
            // process ended
        }
        pending.values().forEach(f -> f.completeExceptionally(new IOException("js peer exited: " + stderrTail())));
    }

    /** Sends a command and waits for its answer; fails with the peer's error text. */
    public JsonNode call(String cmd, Object... keyValues) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        int id = ids.incrementAndGet();
        n.put("id", id);
        n.put("cmd", cmd);
        for (int i = 0; i < keyValues.length; i += 2) {
            n.putPOJO((String) keyValues[i], keyValues[i + 1]);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        synchronized (stdin) {
            stdin.write(JSON.writeValueAsString(n) + "\n");
            stdin.flush();
        }
        JsonNode r = f.get(60, TimeUnit.SECONDS);
        if (!r.get("ok").asBoolean()) {
            throw new IllegalStateException(
                    "js " + cmd + " failed: " + r.path("error").asText() + " | " + stderrTail());
        }
        return r;
    }

    /** The next gossip message the js peer received, or null after the timeout. */
    public JsonNode nextMessage(long timeoutMs) throws InterruptedException {
        return messages.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public String stderrTail() {
        synchronized (stderr) {
            return String.join(" | ", stderr.subList(Math.max(0, stderr.size() - 5), stderr.size()));
        }
    }

    /** The bytes the js peer's {@code send} command produces: xorshift32 from the seed. */
    public static byte[] pseudoRandom(int total, int seed) {
        byte[] out = new byte[total];
        int x = seed == 0 ? 1 : seed;
        for (int i = 0; i < total; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            out[i] = (byte) x;
        }
        return out;
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

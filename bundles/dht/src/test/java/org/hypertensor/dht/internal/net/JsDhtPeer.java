package org.hypertensor.dht.internal.net;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The js-libp2p kad-dht peer of {@code interop/peer.mjs} in a child process, driven by JSON lines.
 * Runs {@code npm ci} when {@code node_modules} is missing; skips the test only when node or npm is not
 * installed.
 */
final class JsDhtPeer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final Writer stdin;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final CompletableFuture<JsonNode> ready = new CompletableFuture<>();
    private final List<String> stderr = new ArrayList<>();
    final PeerId peerId;
    final Multiaddr address;

    private JsDhtPeer(Path dir) throws Exception {
        process = new ProcessBuilder("node", "peer.mjs").directory(dir.toFile()).start();
        stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("js-dht-stdout", this::readStdout);
        daemon("js-dht-stderr", () -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (stderr) {
                        stderr.add(line);
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        });
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

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    static JsDhtPeer start() throws Exception {
        Path dir = Path.of(System.getProperty("interop.dir", "interop")).toAbsolutePath();
        Assumptions.assumeTrue(onPath("node"), "node is not installed: js-libp2p interop tests skipped");
        if (!Files.isDirectory(dir.resolve("node_modules"))) {
            Assumptions.assumeTrue(onPath("npm"), "npm is not installed: js-libp2p interop tests skipped");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + dir);
            }
        }
        return new JsDhtPeer(dir);
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
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                if (n.has("event") && n.get("event").asText().equals("ready")) {
                    ready.complete(n);
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

    JsonNode call(String cmd, Object... keyValues) throws Exception {
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
            throw new IllegalStateException("js " + cmd + " failed: " + r.path("error").asText() + " | " + stderrTail());
        }
        return r;
    }

    String stderrTail() {
        synchronized (stderr) {
            return String.join(" | ", stderr.subList(Math.max(0, stderr.size() - 5), stderr.size()));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package org.hypertensor.inference.net.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.internal.net.DhtEngine;
import org.hypertensor.dht.internal.net.DhtSettings;
import org.hypertensor.inference.internal.host.BlockHostImpl;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.inference.net.internal.server.Announcer;
import org.hypertensor.inference.net.internal.server.BlockServer;
import org.hypertensor.inference.net.internal.server.InferenceHandler;
import org.hypertensor.inference.net.internal.server.ServerSettings;
import org.hypertensor.inference.net.internal.server.Throughput;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.plugin.api.engine.BlockRange;

/**
 * A server in a JVM of its own (so a test can kill it with SIGKILL or stop it with SIGSTOP): args MODEL_DIR
 * BOOT_MULTIADDR RANGE THROUGHPUT. Prints {@code READY <peer id>} once announced; runs until stdin closes.
 */
public final class ServerProcess {

    private ServerProcess() {}

    public static void main(String[] args) throws Exception {
        Model model = ModelFiles.open(Path.of(args[0]), null, LoadProgress.NONE);
        Ed25519KeyPair key = Ed25519KeyPair.generate(new java.security.SecureRandom());
        Host host = new Host(NodeKey.fromSeed(key.seed()), TestHosts.loopback());
        host.start();
        DhtEngine dht = new DhtEngine(host, key, DhtSettings.defaults(List.of(Multiaddr.parse(args[1]))), p -> true);
        host.registerHandler(Dht.PROTOCOL, dht.handler());
        dht.bootstrap().get(20, TimeUnit.SECONDS);
        List<AutoCloseable> close = new ArrayList<>();
        BlockHostImpl[] bh = new BlockHostImpl[1];
        TestNetwork.engines(bh, close);
        BlockServer server = BlockServer.host(
                bh[0],
                model.manifest(),
                model.weights(),
                BlockRange.parse(args[2]),
                ServerSettings.defaults(),
                p -> true,
                Clock.systemUTC());
        server.setState(ServerState.ONLINE);
        host.registerHandler(InferenceHandler.PROTOCOL, new InferenceHandler(() -> server, Clock.systemUTC()), 16);
        Announcer announcer = new Announcer(dht, host, TestNetwork.SUBNET, server, "test", Duration.ofSeconds(60));
        double throughput = Double.parseDouble(args[3]);
        announcer.setThroughput(new Throughput(throughput, throughput * 10));
        announcer.announce(ServerState.ONLINE).get(20, TimeUnit.SECONDS);
        System.out.println("READY " + host.localPeerId());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // wait for the test to close stdin
            }
        }
        server.close();
        host.close();
    }

    /** Starts one with this JVM's test class path; returns once it printed READY. */
    static Process start(Path modelDir, Multiaddr boot, String range, double throughput) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp",
                        cp,
                        ServerProcess.class.getName(),
                        modelDir.toString(),
                        boot.toString(),
                        range,
                        Double.toString(throughput))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        while (line != null && !line.startsWith("READY ")) {
            line = out.readLine(); // its log lines
        }
        if (line == null) {
            p.destroyForcibly();
            throw new IllegalStateException("server process ended before it was ready");
        }
        Thread drain = new Thread(
                () -> {
                    try {
                        while (out.readLine() != null) {
                            // keep reading its output so it never blocks on a full pipe
                        }
                    } catch (java.io.IOException ignored) {
                        // it was killed
                    }
                },
                "server-process-output");
        drain.setDaemon(true);
        drain.start();
        return p;
    }
}

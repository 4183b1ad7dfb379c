package org.hypertensor.inference.net.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.internal.engines.EngineRegistry;
import org.hypertensor.inference.internal.generate.LocalGenerator;
import org.hypertensor.inference.internal.host.BlockHostImpl;
import org.hypertensor.inference.net.internal.TestNetwork;
import org.hypertensor.inference.net.internal.client.ChainSession;
import org.hypertensor.inference.net.internal.client.ClientNetwork;
import org.hypertensor.inference.net.internal.client.ClientSettings;
import org.hypertensor.inference.net.internal.client.DistributedGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * Benchmark (not a test) of distributed inference on loopback with the ~100M generated model split over 3
 * servers (blocks 0:5, 5:11, 11:16; a spare for 5:11): decode steps/s through the servers vs local, prefill of
 * 512 tokens, time from a server's loss to the next token and tokens lost, cache per session, and ping
 * latency while 20 sessions decode (on fresh servers, and again after the other phases). Args: [MODEL_DIR]
 * [THREADS] [DECODE_ROUNDS] [all|decode (only the decode comparison)] [SIZE (100m; small for the path's own
 * overhead)]. Run: see docs/benchmarks.md.
 */
public final class InferenceNetBench {

    static final int DECODE_STEPS = 32;
    static final int PREFILL = 512;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-100m");
        int threads = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        boolean decodeOnly = args.length > 3 && args[3].equals("decode");
        // another size (e.g. small: compute nearly free, so a step's time is the path's overhead)
        ModelSize size = args.length > 4
                ? Arrays.stream(ModelSize.values())
                        .filter(x -> x.label().equals(args[4]))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("sizes: " + ModelSize.labels()))
                : ModelSize.M100;
        long t0 = System.nanoTime();
        try (TestNetwork net = new TestNetwork(dir, size);
                JavaEngine localEngine = new JavaEngine(threads, 2048L << 20)) {
            System.out.printf(
                    Locale.ROOT,
                    "model ready in %.1f s; %d threads per engine%n",
                    (System.nanoTime() - t0) / 1e9,
                    threads);
            ModelManifest m = net.model().manifest();
            int hidden = m.config().hiddenSize();
            net.setEngineThreads(threads);
            EngineRegistry registry = new EngineRegistry();
            registry.addEngine(localEngine, TestNetwork.props("java", 10));
            HostedBlocks local = new BlockHostImpl(registry)
                    .host(m, BlockRange.all(m.config().numLayers()), net.model().weights());
            // re-announced every minute: the phases outlast the records' two minutes on a loaded machine
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            int layers = m.config().numLayers();
            BlockRange mid = new BlockRange(layers * 5 / 16, layers * 11 / 16); // 5:11 of 16
            net.server(new BlockRange(0, mid.start()), 32).announcer().start(timer);
            TestNetwork.Server middle = net.server(mid, 32);
            middle.announcer().start(timer);
            net.server(new BlockRange(mid.end(), layers), 32).announcer().start(timer);
            // long steps (a 512-token prefill on a shared CPU) must not count as failures
            ClientNetwork client = net.client(
                    net.node(),
                    (s, p) -> true,
                    ClientSettings.defaults().withStepTimeout(java.time.Duration.ofMinutes(5)));

            // ping while 20 sessions decode (first, on fresh servers)
            if (!decodeOnly) {
                pingUnderLoad(client, middle, m, hidden);
            }

            // decode steps/s: local and distributed alternately, so each pair sees about the same load
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                double localSteps = decodeLocal(local, hidden);
                double netSteps = decodeDistributed(client, m, hidden);
                ratios[r] = netSteps / localSteps;
                System.out.printf(
                        Locale.ROOT,
                        "decode: local %.2f steps/s, through 3 servers %.2f steps/s, ratio %.2f%n",
                        localSteps,
                        netSteps,
                        ratios[r]);
            }
            Arrays.sort(ratios);
            System.out.printf(
                    Locale.ROOT,
                    "decode ratio over %d rounds: median %.2f, min %.2f, max %.2f%n",
                    rounds,
                    ratios[rounds / 2],
                    ratios[0],
                    ratios[rounds - 1]);
            if (decodeOnly) {
                local.close();
                timer.shutdownNow();
                return;
            }

            // prefill of 512 tokens
            Tensor prompt = random(PREFILL, hidden, 3);
            long a = System.nanoTime();
            try (InferenceSession s = local.openSession(1, PREFILL + 8)) {
                local.forward(prompt, s);
            }
            double localPrefill = (System.nanoTime() - a) / 1e6;
            System.out.printf(Locale.ROOT, "prefill %d tokens locally: %.0f ms%n", PREFILL, localPrefill);
            long b = System.nanoTime();
            try (ChainSession chain = client.open(TestNetwork.SUBNET, m, PREFILL + 8)) {
                chain.step(prompt);
            }
            double netPrefill = (System.nanoTime() - b) / 1e6;
            System.out.printf(
                    Locale.ROOT,
                    "prefill %d tokens: local %.0f ms, through 3 servers %.0f ms (%.2fx)%n",
                    PREFILL,
                    localPrefill,
                    netPrefill,
                    netPrefill / localPrefill);

            // cache per session
            try (ChainSession chain = client.open(TestNetwork.SUBNET, m, 1024)) {
                chain.step(random(1, hidden, 4));
                long perBlock = m.config().cacheBytesPerToken(new BlockRange(0, 1)) * 1024;
                System.out.printf(
                        Locale.ROOT,
                        "cache per session of 1024 positions: %.1f MiB over the 16 blocks (%.2f MiB per block); "
                                + "middle server (6 blocks) reserved %.1f MiB%n",
                        perBlock * 16 / 1048576.0,
                        perBlock / 1048576.0,
                        middle.server().reservedBytes() / 1048576.0);
            }

            // the same 20 sessions again, now that the earlier phases' sessions came and went
            System.out.println("again after the other phases:");
            pingUnderLoad(client, middle, m, hidden);

            // fail-over: the middle server's connections drop mid-generation (a spare hosts 5:11)
            TestNetwork.Server spare = net.server(mid, 32);
            spare.announcer().start(timer);
            failover(net, client, List.of(middle, spare), local);
            local.close();
            timer.shutdownNow();
        }
    }

    static double decodeLocal(HostedBlocks local, int hidden) {
        try (InferenceSession s = local.openSession(1, 64)) {
            local.forward(random(4, hidden, 1), s);
            for (int i = 0; i < 4; i++) {
                local.forward(random(1, hidden, 10 + i), s);
            }
            long t = System.nanoTime();
            for (int i = 0; i < DECODE_STEPS; i++) {
                local.forward(random(1, hidden, 20 + i), s);
            }
            return DECODE_STEPS * 1e9 / (System.nanoTime() - t);
        }
    }

    static double decodeDistributed(ClientNetwork client, ModelManifest m, int hidden) throws Exception {
        try (ChainSession chain = client.open(TestNetwork.SUBNET, m, 64)) {
            chain.step(random(4, hidden, 1));
            for (int i = 0; i < 4; i++) {
                chain.step(random(1, hidden, 10 + i));
            }
            long t = System.nanoTime();
            for (int i = 0; i < DECODE_STEPS; i++) {
                chain.step(random(1, hidden, 20 + i));
            }
            return DECODE_STEPS * 1e9 / (System.nanoTime() - t);
        }
    }

    static void pingUnderLoad(ClientNetwork client, TestNetwork.Server target, ModelManifest m, int hidden)
            throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger steps = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> sessions = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            int seed = k;
            Thread th = new Thread(
                    () -> {
                        try (ChainSession chain = client.open(TestNetwork.SUBNET, m, 1000)) {
                            chain.step(random(4, hidden, seed));
                            for (int n = 0; n < 990 && !stop.get(); n++) {
                                chain.step(random(1, hidden, seed));
                                steps.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            System.out.println("session failed: " + e.getMessage());
                        }
                    },
                    "bench-session-" + k);
            th.start();
            sessions.add(th);
        }
        long[] pings = new long[100];
        Thread.sleep(2000); // let the sessions open and start decoding before measuring
        int before = steps.get();
        for (int i = 0; i < pings.length; i++) {
            try {
                pings[i] = client.p2p()
                        .ping(target.node().peer())
                        .get(10, TimeUnit.SECONDS)
                        .toNanos();
            } catch (java.util.concurrent.ExecutionException e) {
                pings[i] = Long.MAX_VALUE;
                System.out.println("ping failed: " + e.getCause());
            }
            Thread.sleep(20);
        }
        int during = steps.get() - before;
        stop.set(true);
        for (Thread th : sessions) {
            th.join();
        }
        Arrays.sort(pings);
        System.out.printf(Locale.ROOT, "%d of 20 sessions failed%n", failed.get());
        System.out.printf(
                Locale.ROOT,
                "ping while 20 sessions decode (%d steps during the pings): median %.2f ms, p95 %.2f ms, max %.2f ms%n",
                during,
                pings[50] / 1e6,
                pings[95] / 1e6,
                pings[99] / 1e6);
    }

    /** Drops the connections of whichever of {@code span} carries the generation, after its 8th token. */
    static void failover(TestNetwork net, ClientNetwork client, List<TestNetwork.Server> span, HostedBlocks local)
            throws Exception {
        int n = 24;
        int[] expected = new LocalGenerator(net.ends(), local, net.model().tokenizer())
                .generate("fail over", n, SamplingOptions.GREEDY, p -> true)
                .tokens();
        AtomicInteger pieces = new AtomicInteger();
        AtomicLong killed = new AtomicLong();
        AtomicLong next = new AtomicLong();
        AtomicLong before = new AtomicLong();
        AtomicLong last = new AtomicLong(System.nanoTime());
        DistributedGenerator.Result r = net.generator(client).generate("fail over", n, SamplingOptions.GREEDY, p -> {
            long now = System.nanoTime();
            int k = pieces.incrementAndGet();
            if (k == 8) {
                before.set(now - last.get());
                killed.set(System.nanoTime());
                span.stream()
                        .filter(x -> !x.server().sessions().isEmpty())
                        .findFirst()
                        .orElseThrow()
                        .node()
                        .host()
                        .close();
            } else if (k == 9) {
                next.set(now);
            }
            last.set(now);
            return true;
        });
        int lost = 0;
        for (int i = 0; i < n; i++) {
            if (i >= r.tokens().length || r.tokens()[i] != expected[i]) {
                lost++;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "fail-over: next token %.0f ms after the server's connections dropped (a normal token took %.0f ms); "
                        + "%d failures, tokens differing from local generation: %d of %d (route after: %s)%n",
                (next.get() - killed.get()) / 1e6,
                before.get() / 1e6,
                r.failures(),
                lost,
                n,
                r.route());
    }

    static Tensor random(int tokens, int hidden, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[tokens * hidden];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return Tensor.wrap(v, 1, tokens, hidden);
    }

    private InferenceNetBench() {}
}

package org.hypertensor.engine.java.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.engine.java.internal.compute.DotKernels;
import org.hypertensor.engine.java.internal.compute.KernelChoice;
import org.hypertensor.engine.java.internal.weights.WeightFormat;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * Benchmark (not a test): where a decode step's time goes, by sampling. Decodes the 100m model of
 * {@link WeightFormatBench} (generated there) in one format with Flight Recorder's execution sampler on (each
 * thread every millisecond; only samples taken during the decode steps count, not the prefills between them), then
 * prints, per thread kind (the caller, the engine's workers), the share of samples in each method of the engine
 * that was on top of the stack (self time: the kernels, {@code Parallel}'s waits, attention, norms) and the share
 * whose stack passed through each engine method (inclusive: a whole product, the attention, a layer). Run the
 * JVM with {@code -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints} so inlined frames are attributed.
 * Usage: DecodeProfileBench [DIR [FORMAT [THREADS [SECONDS]]]], FORMAT f32, bf16 or int8.
 */
public final class DecodeProfileBench {

    private static final String ENGINE = "org.hypertensor.engine.java.internal.";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-models");
        String format = args.length > 1 ? args[1] : "bf16";
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        DotKernels kernels = KernelChoice.choose(KernelChoice.Mode.AUTO);
        Path model = dir.resolve(format.equals("bf16") ? "bf16" : "f32");
        WeightFormat weights = format.equals("int8") ? WeightFormat.INT8 : WeightFormat.NATIVE;
        Path jfr = Files.createTempFile("decode-profile", ".jfr");
        List<Instant[]> windows = new ArrayList<>();
        try (Model m = ModelFiles.open(model, null, LoadProgress.NONE);
                JavaEngine engine = new JavaEngine(threads, 512L << 20, weights, kernels)) {
            ModelConfig c = m.manifest().config();
            LoadedBlocks blocks = engine.load(m.manifest(), BlockRange.all(c.numLayers()), m.weights());
            decode(blocks, c, 2_000_000_000L, new ArrayList<>()); // warm-up: compiled kernels
            long steps;
            try (Recording r = new Recording()) {
                r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
                r.start();
                steps = decode(blocks, c, seconds * 1_000_000_000L, windows);
                r.stop();
                double decoding = windows.stream()
                        .mapToLong(w -> Duration.between(w[0], w[1]).toNanos())
                        .sum();
                r.dump(jfr);
                System.out.printf(
                        Locale.ROOT,
                        "%s, %d threads, kernels %s: %d decode steps, %.2f ms per step%n",
                        format,
                        threads,
                        kernels.description(),
                        steps,
                        decoding / 1e6 / steps);
            }
            blocks.close();
        }
        try {
            report(RecordingFile.readAllEvents(jfr), windows);
        } finally {
            Files.delete(jfr);
        }
    }

    /**
     * Decode steps at positions 16 - 80 (new sessions of 64 steps after a 16-token prefill) for {@code nanos}; the
     * time spans of the decode steps (not the prefills) are added to {@code windows}.
     */
    private static long decode(LoadedBlocks blocks, ModelConfig c, long nanos, List<Instant[]> windows) {
        Tensor prefix = WeightFormatBench.random(16 * c.hiddenSize(), 16, c.hiddenSize());
        Tensor one = WeightFormatBench.random(c.hiddenSize(), 1, c.hiddenSize());
        long steps = 0;
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            try (InferenceSession s = blocks.openSession(1, 16 + 64)) {
                blocks.forward(prefix, s);
                Instant from = Instant.now();
                for (int i = 0; i < 64; i++) {
                    blocks.forward(one, s);
                }
                windows.add(new Instant[] {from, Instant.now()});
                steps += 64;
            }
        }
        return steps;
    }

    private static boolean inDecode(Instant t, List<Instant[]> windows) {
        for (Instant[] w : windows) {
            if (!t.isBefore(w[0]) && !t.isAfter(w[1])) {
                return true;
            }
        }
        return false;
    }

    private static void report(List<RecordedEvent> events, List<Instant[]> windows) {
        Map<String, Map<String, Integer>> self = new TreeMap<>();
        Map<String, Map<String, Integer>> inclusive = new TreeMap<>();
        Map<String, Integer> totals = new HashMap<>();
        for (RecordedEvent e : events) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                    || e.getStackTrace() == null
                    || !inDecode(e.getStartTime(), windows)) {
                continue;
            }
            String thread = e.getThread("sampledThread").getJavaName();
            String kind = thread != null && thread.startsWith("engine-java") ? "workers" : "caller";
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.stream().noneMatch(f -> name(f).startsWith(ENGINE))) {
                continue; // not the engine's (JFR's own threads, the harness)
            }
            totals.merge(kind, 1, Integer::sum);
            String top = frames.stream()
                    .map(DecodeProfileBench::name)
                    .filter(n -> n.startsWith(ENGINE))
                    .findFirst()
                    .orElseThrow();
            self.computeIfAbsent(kind, k -> new HashMap<>()).merge(top, 1, Integer::sum);
            frames.stream()
                    .map(DecodeProfileBench::name)
                    .filter(n -> n.startsWith(ENGINE) && !n.contains("$$Lambda"))
                    .distinct()
                    .forEach(n -> inclusive
                            .computeIfAbsent(kind, k -> new HashMap<>())
                            .merge(n, 1, Integer::sum));
        }
        for (String kind : self.keySet()) {
            int total = totals.get(kind);
            System.out.printf(Locale.ROOT, "%n%s: %d samples in the engine%n  self (top engine frame):%n", kind, total);
            print(self.get(kind), total);
            System.out.printf(Locale.ROOT, "  inclusive:%n");
            print(inclusive.get(kind), total);
        }
    }

    private static void print(Map<String, Integer> counts, int total) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(16)
                .forEach(en ->
                        System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * en.getValue() / total, en.getKey()));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}

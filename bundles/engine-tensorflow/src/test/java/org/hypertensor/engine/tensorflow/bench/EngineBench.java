package org.hypertensor.engine.tensorflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.hypertensor.engine.java.bench.WeightFormatBench;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.engine.tensorflow.internal.TensorFlowEngine;
import org.hypertensor.engine.tensorflow.internal.runtime.TfRuntime;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.Tensor;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * Benchmark (not a test) of both engines on the ~100M generated model: prefill tokens/s, single-token
 * decode steps/s with the cache, memory, achieved GFLOP/s next to TensorFlow's plain MatMul GFLOP/s for
 * the same shapes, and the memory-bandwidth limit of decode. The model is generated at bench time.
 * Run: see docs/benchmarks.md.
 */
public final class EngineBench {

    static final int PREFILL = 128;
    static final int DECODE_STEPS = 32;
    static final int DECODE_WARMUP = 24;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-model");
        int threads = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        if (!Files.exists(dir.resolve("manifest.json"))) {
            long t0 = System.nanoTime();
            ModelGenerator.generate(dir, "bench-100m", ModelSize.M100, 42, LoadProgress.NONE);
            System.out.printf(Locale.ROOT, "generated the 100m model in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
        try (Model model = ModelFiles.open(dir, null, LoadProgress.NONE)) {
            ModelConfig c = model.manifest().config();
            System.out.printf(
                    Locale.ROOT,
                    "model: %,d parameters, %d blocks, hidden %d, %d threads%n",
                    c.parameters(),
                    c.numLayers(),
                    c.hiddenSize(),
                    threads);
            double bandwidth = readBandwidth(threads);
            long blockBytes = c.numLayers() * c.blockParameters() * Float.BYTES;
            System.out.printf(
                    Locale.ROOT,
                    "streaming read bandwidth %.1f GB/s -> decode limit %.1f steps/s (%d MB of block weights per step)%n",
                    bandwidth / 1e9,
                    bandwidth / blockBytes,
                    blockBytes >> 20);
            try (JavaEngine java = new JavaEngine(threads, 2048L << 20)) {
                run("java", java, model, c);
            }
            TensorFlowEngine tf = new TensorFlowEngine(TfRuntime.start("cpu", threads, null), 2048L << 20);
            run("tensorflow", tf, model, c);
            plainMatMul(c, threads);
        }
    }

    static void run(String name, InferenceEngine engine, Model model, ModelConfig c) {
        System.gc();
        long rss0 = rssBytes();
        long heap0 = heapUsed();
        long t0 = System.nanoTime();
        try (LoadedBlocks blocks = engine.load(model.manifest(), BlockRange.all(c.numLayers()), model.weights())) {
            double load = (System.nanoTime() - t0) / 1e9;
            System.gc();
            long heap = heapUsed() - heap0;
            long rss = rssBytes() - rss0;
            Tensor prompt = random(PREFILL * c.hiddenSize(), 1, PREFILL, c.hiddenSize());
            blocks.forward(prompt); // warm-up
            double prefill = best(3, () -> blocks.forward(prompt));
            double prefillTps = PREFILL / prefill;
            double prefillFlops = flops(c, PREFILL, 0);
            double decode;
            try (InferenceSession s = blocks.openSession(1, 16 + DECODE_WARMUP + DECODE_STEPS)) {
                blocks.forward(random(16 * c.hiddenSize(), 1, 16, c.hiddenSize()), s);
                Tensor one = random(c.hiddenSize(), 1, 1, c.hiddenSize());
                for (int i = 0; i < DECODE_WARMUP; i++) {
                    blocks.forward(one, s); // warm-up: the JIT compiles the one-row path only now
                }
                long d0 = System.nanoTime();
                for (int i = 0; i < DECODE_STEPS; i++) {
                    blocks.forward(one, s);
                }
                decode = (System.nanoTime() - d0) / 1e9 / DECODE_STEPS;
            }
            double decodeFlops = flops(c, 1, 16 + DECODE_WARMUP + DECODE_STEPS / 2);
            System.out.printf(
                    Locale.ROOT,
                    "%-10s load %.1f s | prefill %d tokens: %.0f tokens/s, %.1f GFLOP/s | decode: %.1f steps/s,"
                            + " %.2f GFLOP/s | weights %d MB, heap +%d MB, RSS +%d MB%n",
                    name,
                    load,
                    PREFILL,
                    prefillTps,
                    prefillFlops / prefill / 1e9,
                    1 / decode,
                    decodeFlops / decode / 1e9,
                    blocks.weightBytes() >> 20,
                    heap >> 20,
                    rss >> 20);
        }
    }

    /** Multiply-adds of the block range for {@code tokens} new tokens after {@code past} cached ones, times two. */
    static double flops(ModelConfig c, int tokens, int past) {
        double linear = 2.0 * tokens * c.blockParameters();
        double attention = 0;
        for (int t = 0; t < tokens; t++) {
            attention += 4.0 * (past + t + 1) * c.hiddenSize(); // q.k and p.v per head dimension
        }
        return c.numLayers() * (linear + attention);
    }

    /** TensorFlow's MatMul alone on the shapes of one block (q, k/v, o, gate/up, down), prefill and decode. */
    static void plainMatMul(ModelConfig c, int threads) {
        int h = c.hiddenSize();
        int[][] shapes = {
            {h, h},
            {c.kvDim(), h},
            {c.kvDim(), h},
            {h, h},
            {c.intermediateSize(), h},
            {c.intermediateSize(), h},
            {h, c.intermediateSize()}
        };
        for (int rows : new int[] {PREFILL, 1}) {
            double seconds = 0;
            double flops = 0;
            try (Graph g = new Graph()) {
                Ops tf = Ops.create(g);
                Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
                Placeholder<TFloat32> w = tf.placeholder(TFloat32.class);
                var y = tf.linalg.matMul(x, w, MatMul.transposeB(true));
                try (Session s =
                        new Session(g, TfRuntime.start("cpu", threads, null).config())) {
                    for (int[] shape : shapes) {
                        try (TFloat32 xt = tensor(rows, shape[1]);
                                TFloat32 wt = tensor(shape[0], shape[1])) {
                            for (int i = 0; i < 3; i++) {
                                s.runner()
                                        .feed(x, xt)
                                        .feed(w, wt)
                                        .fetch(y)
                                        .run()
                                        .close();
                            }
                            int reps = rows == 1 ? 200 : 20;
                            long t0 = System.nanoTime();
                            for (int i = 0; i < reps; i++) {
                                s.runner()
                                        .feed(x, xt)
                                        .feed(w, wt)
                                        .fetch(y)
                                        .run()
                                        .close();
                            }
                            seconds += (System.nanoTime() - t0) / 1e9 / reps;
                            flops += 2.0 * rows * shape[0] * shape[1];
                        }
                    }
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "tensorflow plain MatMul, the 7 linear shapes of a block, %d rows: %.1f GFLOP/s%n",
                    rows,
                    flops / seconds / 1e9);
        }
    }

    static TFloat32 tensor(int rows, int cols) {
        float[] v = random(rows * cols, 1, rows, cols).toArray();
        return TFloat32.tensorOf(Shape.of(rows, cols), DataBuffers.of(v, true, false));
    }

    /** Streaming read of a 400 MB float array on all threads (shared with the Java engine's benchmark). */
    static double readBandwidth(int threads) {
        return WeightFormatBench.readBandwidth(threads);
    }

    interface Step {
        void run();
    }

    static double best(int reps, Step step) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            step.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    static Tensor random(int n, int... shape) {
        SplittableRandom r = new SplittableRandom(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.wrap(v, shape);
    }

    static long heapUsed() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return 0;
    }
}

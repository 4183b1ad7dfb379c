package org.hypertensor.engine.java.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.engine.java.internal.compute.DotKernels;
import org.hypertensor.engine.java.internal.compute.KernelChoice;
import org.hypertensor.engine.java.internal.weights.WeightFormat;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * Benchmark (not a test) of the Java engine's weight formats on the 100m generated model: float32, BF16 kept
 * 16-bit, int8 weight-only. For each: the weight memory, single-token decode steps/s with the cache, and
 * the weight bytes it reads per second, and that rate against the memory-bandwidth limit (streaming read
 * bandwidth / bytes of weights per step).
 * Usage: WeightFormatBench [DIR [THREADS [ROUNDS [KERNELS]]]]; the models are generated into DIR/f32 and
 * DIR/bf16 if absent; KERNELS is auto (the default: the Vector API's when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}) or scalar.
 */
public final class WeightFormatBench {

    static final int PREFIX = 16;
    static final int WARMUP = 8;
    static final int STEPS = 16;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench-models");
        int threads = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        DotKernels kernels = KernelChoice.choose(KernelChoice.Mode.parse(args.length > 3 ? args[3] : "auto"));
        Path f32 = model(dir.resolve("f32"), DType.F32);
        Path bf16 = model(dir.resolve("bf16"), DType.BF16);
        String[] names = {"float32", "bf16 kept 16-bit", "bf16 expanded to f32", "int8 (from f32)"};
        try (Model a = ModelFiles.open(f32, null, LoadProgress.NONE);
                Model b = ModelFiles.open(bf16, null, LoadProgress.NONE);
                JavaEngine native16 = new JavaEngine(threads, 512L << 20, WeightFormat.NATIVE, kernels);
                JavaEngine expanded = new JavaEngine(threads, 512L << 20, WeightFormat.F32, kernels);
                JavaEngine int8 = new JavaEngine(threads, 512L << 20, WeightFormat.INT8, kernels)) {
            ModelConfig c = a.manifest().config();
            BlockRange all = BlockRange.all(c.numLayers());
            LoadedBlocks[] blocks = {
                native16.load(a.manifest(), all, a.weights()),
                native16.load(b.manifest(), all, b.weights()),
                expanded.load(b.manifest(), all, b.weights()),
                int8.load(a.manifest(), all, a.weights())
            };
            // rounds over every format in turn, best of each: the machine's other load varies
            double[] best = new double[blocks.length];
            double bandwidth = 0;
            double scalarRead = 0;
            double kernelRead = 0;
            for (int round = 0; round < rounds; round++) {
                scalarRead = Math.max(scalarRead, readBandwidth(threads));
                kernelRead = Math.max(kernelRead, readBandwidth(threads, kernels));
                bandwidth = Math.max(scalarRead, kernelRead);
                for (int i = 0; i < blocks.length; i++) {
                    best[i] = Math.max(best[i], decodeStepsPerSecond(blocks[i], c));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "100m model, %d threads, kernels: %s, best of %d rounds; streaming read bandwidth %.1f GB/s"
                            + " (scalar loop %.1f, the kernels' dot product %.1f)%n",
                    threads,
                    kernels.description(),
                    rounds,
                    bandwidth / 1e9,
                    scalarRead / 1e9,
                    kernelRead / 1e9);
            for (int i = 0; i < blocks.length; i++) {
                double limit = bandwidth / blocks[i].weightBytes();
                System.out.printf(
                        Locale.ROOT,
                        "%-22s weights %4d MB | decode %5.1f steps/s (%.2f x float32), %4.1f GB/s of weights"
                                + " | bandwidth limit %5.1f steps/s (%.0f %%)%n",
                        names[i],
                        blocks[i].weightBytes() >> 20,
                        best[i],
                        best[i] / best[0],
                        best[i] * blocks[i].weightBytes() / 1e9,
                        limit,
                        100 * best[i] / limit);
                blocks[i].close();
            }
        }
    }

    private static Path model(Path dir, DType dtype) {
        if (!Files.exists(dir.resolve(ModelGenerator.MANIFEST))) {
            ModelGenerator.generate(dir, "bench-100m-" + dtype, ModelSize.M100, 42, dtype, LoadProgress.NONE);
        }
        return dir;
    }

    private static double decodeStepsPerSecond(LoadedBlocks blocks, ModelConfig c) {
        try (InferenceSession s = blocks.openSession(1, PREFIX + WARMUP + STEPS)) {
            blocks.forward(random(PREFIX * c.hiddenSize(), PREFIX, c.hiddenSize()), s);
            Tensor one = random(c.hiddenSize(), 1, c.hiddenSize());
            for (int i = 0; i < WARMUP; i++) {
                blocks.forward(one, s);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < STEPS; i++) {
                blocks.forward(one, s);
            }
            return STEPS / ((System.nanoTime() - t0) / 1e9);
        }
    }

    static Tensor random(int n, int seq, int hidden) {
        SplittableRandom r = new SplittableRandom(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.wrap(v, 1, seq, hidden);
    }

    /**
     * Streaming read of a 400 MB float array on all threads through {@code kernels}' dot product (the array with
     * itself: each value is loaded from memory once), best of 5: with the vector kernels a scalar loop no longer
     * reaches what the decode kernels read.
     */
    static double readBandwidth(int threads, DotKernels kernels) {
        return readBandwidth(threads, (big, from, to) -> kernels.dot(big, from, big, from, to - from));
    }

    /** Streaming read of a 400 MB float array on all threads, best of 5 (as the engine benchmark measures it). */
    public static double readBandwidth(int threads) {
        return readBandwidth(threads, (big, from, to) -> {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = from; i + 3 < to; i += 4) {
                s0 += big[i];
                s1 += big[i + 1];
                s2 += big[i + 2];
                s3 += big[i + 3];
            }
            return s0 + s1 + s2 + s3;
        });
    }

    /** A read of {@code big[from .. to)} that returns something of every value. */
    private interface Reader {
        double read(float[] big, int from, int to);
    }

    private static double readBandwidth(int threads, Reader reader) {
        float[] big = new float[100 << 20];
        java.util.Arrays.fill(big, 1f);
        double best = Double.MAX_VALUE;
        double sink = 0;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            sink += IntStream.range(0, threads)
                    .parallel()
                    .mapToDouble(t -> reader.read(big, (int) ((long) big.length * t / threads), (int)
                            ((long) big.length * (t + 1) / threads)))
                    .sum();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        if (sink < 0) {
            System.out.println(sink);
        }
        return big.length * 4.0 / best;
    }
}

package org.hypertensor.engine.java.bench;

import java.util.Locale;
import java.util.SplittableRandom;
import org.hypertensor.engine.java.internal.compute.Bf16Tiles;
import org.hypertensor.engine.java.internal.compute.DotKernels;
import org.hypertensor.engine.java.internal.compute.KernelChoice;
import org.hypertensor.engine.java.internal.compute.Parallel;

/**
 * Benchmark (not a test) of the decode kernels alone, without the decoder block around them: one input row against
 * a weight matrix {@code [rows, IN]} (by default far larger than the caches, rows of the 100m model's length) as a
 * decode step reads it: four rows per call ({@code dot4}, {@code dot4Int8}), bfloat16 in its tiles by blocks of
 * 16 rows ({@code bf16Tiles}), and float32 one row per call ({@code dot}), on {@code THREADS} threads; the weight
 * bytes read per second of each. A matrix
 * smaller than 256 MB is read several times per round (1 MB: from the caches, the kernels' own speed).
 * Usage: KernelBench [THREADS [MB [ROUNDS [KERNELS [IN]]]]], MB the float32 matrix's size (the bfloat16 and int8
 * ones hold as many values in a half and a quarter of it), KERNELS auto or scalar.
 */
public final class KernelBench {

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int mb = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        DotKernels k = KernelChoice.choose(KernelChoice.Mode.parse(args.length > 3 ? args[3] : "auto"));
        int in = args.length > 4 ? Integer.parseInt(args[4]) : 768;
        int rows = (int) (((long) mb << 20) / 4 / in) & ~31;
        int passes = Math.max(1, 256 / mb);
        SplittableRandom random = new SplittableRandom(1);
        float[] f32 = new float[rows * in];
        short[] bf16 = new short[rows * in];
        byte[] int8 = new byte[rows * in];
        for (int i = 0; i < f32.length; i++) {
            f32[i] = (float) random.nextGaussian();
            bf16[i] = (short) (Float.floatToRawIntBits(f32[i]) >>> 16);
            int8[i] = (byte) random.nextInt(-127, 128);
        }
        float[] x = new float[in];
        for (int i = 0; i < in; i++) {
            x[i] = (float) random.nextGaussian();
        }
        int tile = k.bf16Tile();
        int[] tiles = Bf16Tiles.pack(bf16, rows, in, tile);
        float[] y = new float[rows];
        String[] names = {"float32 dot4", "bf16 bf16Tiles", "int8 dot4Int8", "float32 dot"};
        Parallel.Range[] kernels = {
            fours(o -> k.dot4(f32, o * in, in, x, 0, y, o)),
            (from, to) -> k.bf16Tiles(tiles, in, rows, tile, x, y, from, to),
            fours(o -> k.dot4Int8(int8, o * in, in, in, x, y, o, 1)),
            fours(o -> {
                for (int r = o; r < o + 4; r++) {
                    y[r] = k.dot(x, 0, f32, r * in, in);
                }
            })
        };
        int[] grains = {4, 16, 4, 4};
        long[] bytes = {4L * f32.length, 2L * bf16.length, int8.length, 4L * f32.length};
        double[] best = new double[kernels.length];
        try (Parallel p = new Parallel(threads)) {
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < kernels.length; i++) {
                    best[i] = Math.max(best[i], rate(p, passes, rows, grains[i], bytes[i], kernels[i]));
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "kernels: %s, %d threads, %d rows of %d, %d pass(es) per round, best of %d rounds%n",
                k.description(),
                threads,
                rows,
                in,
                passes,
                rounds);
        for (int i = 0; i < kernels.length; i++) {
            System.out.printf(Locale.ROOT, "%-15s %6.1f GB/s%n", names[i], best[i] / 1e9);
        }
        if (Float.isNaN(y[1])) {
            System.out.println(y[1]); // keeps the results alive
        }
    }

    /** Four weight rows from {@code o}. */
    private interface Four {
        void run(int o);
    }

    /** The rows of a block, four at a time. */
    private static Parallel.Range fours(Four four) {
        return (from, to) -> {
            for (int o = from; o < to; o += 4) {
                four.run(o);
            }
        };
    }

    /** Bytes per second of {@code passes} passes over all rows, in blocks of whole grains split over the threads. */
    private static double rate(Parallel p, int passes, int rows, int grain, long bytes, Parallel.Range range) {
        long t0 = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            p.forRange(rows, grain, range);
        }
        return passes * bytes / ((System.nanoTime() - t0) / 1e9);
    }
}

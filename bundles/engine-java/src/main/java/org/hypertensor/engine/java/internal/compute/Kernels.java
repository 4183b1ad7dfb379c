package org.hypertensor.engine.java.internal.compute;

import org.hypertensor.engine.java.internal.weights.Matrix;

/**
 * The decoder's arithmetic on row-major float arrays. Linear weights are {@code [out, in]}, so every output
 * is a dot product of two contiguous rows; several rows of {@code x} share each weight row's loads, and
 * independent accumulators keep the FPU busy (Java does not reorder float sums itself).
 */
public final class Kernels {

    private Kernels() {}

    /**
     * The outputs a thread takes at a time are a multiple of this: a multiple of the decode kernels' four rows, so
     * no block ends in a ragged tail of single-row products.
     */
    static final int GRAIN = 16;

    /** {@code y[r][o] = sum_i x[r][i] * w[o][i]} for {@code rows} rows, split over the outputs. */
    public static void matmul(
            Parallel parallel, DotKernels k, float[] x, int rows, float[] w, int in, int out, float[] y) {
        parallel.forRange(out, GRAIN, (from, to) -> matmulRange(k, x, rows, w, in, out, y, from, to));
    }

    /**
     * {@link #matmul(Parallel, DotKernels, float[], int, float[], int, int, float[])} for a weight in any
     * format: float32 in place; one input row (decode) by the format's own kernels ({@link Matrix#decode}); several
     * rows of bfloat16 a tile at a time by the same kernels ({@link Matrix.Bf16#rows}), of the other formats a weight
     * row at a time through a buffer the size of one row (it stays in L1), used for every input row before the next.
     */
    public static void matmul(Parallel parallel, DotKernels k, float[] x, int rows, Matrix w, float[] y) {
        int in = w.in();
        int out = w.out();
        if (w instanceof Matrix.F32 f) {
            matmul(parallel, k, x, rows, f.values(), in, out, y);
            return;
        }
        if (rows == 1) {
            parallel.forRange(out, grain(k, w), (from, to) -> w.decode(k, x, y, from, to));
            return;
        }
        if (w instanceof Matrix.Bf16 b) {
            parallel.forRange(out, grain(k, w), (from, to) -> b.rows(k, x, rows, y, from, to));
            return;
        }
        parallel.forRange(out, GRAIN, (from, to) -> {
            float[] row = new float[in];
            float[] column = new float[rows];
            for (int o = from; o < to; o++) {
                w.row(o, row);
                matmulRange(k, x, rows, row, in, 1, column, 0, 1); // the float kernel, on this one weight row
                for (int r = 0; r < rows; r++) {
                    y[r * out + o] = column[r];
                }
            }
        });
    }

    /**
     * {@code y[i] = x w[i]} for several weights that read the same input, e.g. q, k and v: for one input row
     * (decode) in one pass over their outputs together, so the threads are handed work once rather than once
     * per weight (a hand-off costs as much as a small product); for more rows one product after the other.
     */
    public static void matmul(Parallel parallel, DotKernels k, float[] x, int rows, Matrix[] ws, float[][] ys) {
        if (rows != 1) {
            for (int i = 0; i < ws.length; i++) {
                matmul(parallel, k, x, rows, ws[i], ys[i]);
            }
            return;
        }
        int total = 0;
        int grain = GRAIN;
        for (int i = 0; i < ws.length; i++) {
            total += ws[i].out();
            grain = Math.max(grain, grain(k, ws[i]));
        }
        parallel.forRange(total, grain, (from, to) -> {
            int base = 0;
            for (int i = 0; i < ws.length; i++) {
                int out = ws[i].out();
                int lo = Math.max(from, base) - base;
                int hi = Math.min(to, base + out) - base;
                if (lo < hi) {
                    ws[i].decode(k, x, ys[i], lo, hi);
                }
                base += out;
            }
        });
    }

    /**
     * The MLP's first half, {@code gate[o] = silu(x gate[o]) * (x up[o])}: for one input row (decode) each block of
     * outputs computes both products and the SwiGLU on its own outputs, so the threads are handed work once and the
     * {@code exp} of every output runs in parallel too (serial, it was about as long as a hand-off per layer).
     */
    public static void gatedUp(
            Parallel parallel,
            DotKernels k,
            float[] x,
            int rows,
            Matrix gate,
            Matrix up,
            float[] gateOut,
            float[] upOut) {
        if (rows != 1 || gate.out() != up.out()) {
            matmul(parallel, k, x, rows, new Matrix[] {gate, up}, new float[][] {gateOut, upOut});
            swiglu(gateOut, upOut, rows * gate.out());
            return;
        }
        parallel.forRange(gate.out(), Math.max(grain(k, gate), grain(k, up)), (from, to) -> {
            gate.decode(k, x, gateOut, from, to);
            up.decode(k, x, upOut, from, to);
            swiglu(gateOut, upOut, from, to);
        });
    }

    /**
     * The outputs a thread takes at a time for {@code w}: at least {@link #GRAIN}, and whole passes of its kernel
     * ({@link Matrix#decodeBlock}). With blocks of single BF16 tiles (the shrinking last blocks of a product), a BF16
     * decode read most tiles one stream at a time and ran ≈ 30 % slower (WeightFormatBench, docs/benchmarks.md).
     */
    private static int grain(DotKernels k, Matrix w) {
        return Math.max(GRAIN, w.decodeBlock(k));
    }

    /**
     * Rows in groups of four, then the remaining rows one by one (the decode shape: four weight rows at a
     * time): separate methods so the JIT compiles the prefill shape and the decode shape each for itself.
     */
    static void matmulRange(
            DotKernels k, float[] x, int rows, float[] w, int in, int out, float[] y, int from, int to) {
        int grouped = rows - rows % 4;
        if (grouped > 0) {
            k.fourRows(x, grouped, w, in, out, y, from, to);
        }
        for (int r = grouped; r < rows; r++) {
            singleRow(k, x, r, w, in, out, y, from, to);
        }
    }

    private static void singleRow(
            DotKernels k, float[] x, int r, float[] w, int in, int out, float[] y, int from, int to) {
        int xo = r * in;
        int yo = r * out;
        int o = from;
        for (; o + 4 <= to; o += 4) {
            k.dot4(w, o * in, in, x, xo, y, yo + o);
        }
        for (; o < to; o++) {
            y[yo + o] = k.dot(x, xo, w, o * in, in);
        }
    }

    /** A dot product with eight partial sums. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
            s4 += a[ao + i + 4] * b[bo + i + 4];
            s5 += a[ao + i + 5] * b[bo + i + 5];
            s6 += a[ao + i + 6] * b[bo + i + 6];
            s7 += a[ao + i + 7] * b[bo + i + 7];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** {@code y[r] = x[r] / rms(x[r]) * weight}, rms with epsilon, per row of width {@code n}. */
    public static void rmsNorm(float[] x, int rows, int n, float[] weight, double eps, float[] y) {
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                ss += (double) x[o + i] * x[o + i];
            }
            float inv = (float) (1.0 / Math.sqrt(ss / n + eps));
            for (int i = 0; i < n; i++) {
                y[o + i] = x[o + i] * inv * weight[i];
            }
        }
    }

    /** {@code a[i] = silu(a[i]) * b[i]}: the SwiGLU gate. */
    public static void swiglu(float[] a, float[] b, int n) {
        swiglu(a, b, 0, n);
    }

    /** {@link #swiglu(float[], float[], int)} for {@code from <= i < to}. */
    static void swiglu(float[] a, float[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = a[i];
            a[i] = g / (1f + (float) Math.exp(-g)) * b[i];
        }
    }

    /** {@code y[r] += bias} for each of {@code rows} rows of the bias's width; nothing if the bias is null. */
    public static void addBias(float[] y, int rows, float[] bias) {
        if (bias == null) {
            return;
        }
        int n = bias.length;
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            for (int i = 0; i < n; i++) {
                y[o + i] += bias[i];
            }
        }
    }

    /** {@code x[i] += d[i]}. */
    public static void add(float[] x, float[] d, int n) {
        for (int i = 0; i < n; i++) {
            x[i] += d[i];
        }
    }
}

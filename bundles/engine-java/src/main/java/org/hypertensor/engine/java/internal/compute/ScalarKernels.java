package org.hypertensor.engine.java.internal.compute;

import org.hypertensor.plugin.api.engine.DType;

/**
 * The plain-Java kernels: independent partial sums keep the FPU busy (Java does not reorder float sums
 * itself); bfloat16 converts by a shift, IEEE half through a 64 K-entry table and int8 through a 256-entry
 * one (a load is cheaper than the conversion).
 */
public final class ScalarKernels implements DotKernels {

    /** The one instance (the kernels hold only constant tables). */
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    /** float values of all 2^16 half-precision bit patterns. */
    private static final float[] HALF = halfTable();
    /** The float of every int8 value, at {@code value + 128}. */
    private static final float[] VALUE = int8Table();

    private ScalarKernels() {}

    private static float[] halfTable() {
        float[] table = new float[1 << 16];
        for (int b = 0; b < table.length; b++) {
            table[b] = DType.F16.toFloat((short) b);
        }
        return table;
    }

    private static float[] int8Table() {
        float[] table = new float[256];
        for (int v = 0; v < table.length; v++) {
            table[v] = v - 128;
        }
        return table;
    }

    /** The float value of IEEE half {@code bits}, by table. */
    public static float half(short bits) {
        return HALF[bits & 0xffff];
    }

    @Override
    public String description() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        return Kernels.dot(a, ao, b, bo, n);
    }

    @Override
    public void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    @Override
    public void dot4(float[] w, int wo, int n, float[] x, int xo, float[] y, int yo) {
        for (int r = 0; r < 4; r++) {
            y[yo + r] = Kernels.dot(x, xo, w, wo + r * n, n);
        }
    }

    /** Any height works for these loops; that of the parallel grain. */
    @Override
    public int bf16Tile() {
        return Kernels.GRAIN;
    }

    @Override
    public int bf16TilesPerPass() {
        return 1;
    }

    @Override
    public void bf16Tiles(int[] w, int in, int out, int tile, float[] x, float[] y, int from, int to) {
        bf16Tiles(w, in, out, tile, x, 0, y, 0, from, to);
    }

    @Override
    public void bf16TileRows(int[] w, int in, int out, int tile, float[] x, int rows, float[] y, int from, int to) {
        for (int first = from - from % tile; first < to; first += tile) {
            int lo = Math.max(from, first);
            int hi = Math.min(to, first + tile);
            for (int r = 0; r < rows; r++) {
                bf16Tiles(w, in, out, tile, x, r * in, y, r * out, lo, hi);
            }
        }
    }

    /** {@code y[yo + o] = w row o . x[xo .. xo + in)} for {@code from <= o < to}. */
    public void bf16Tiles(int[] w, int in, int out, int tile, float[] x, int xo, float[] y, int yo, int from, int to) {
        int full = in / 2;
        for (int o = from; o < to; o++) {
            int at = Bf16Tiles.start(o, in, tile);
            int height = Bf16Tiles.height(o, out, tile);
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int p = 0;
            for (; p + 2 <= full; p += 2) {
                int v0 = w[at + p * height];
                int v1 = w[at + (p + 1) * height];
                s0 += Float.intBitsToFloat(v0 << 16) * x[xo + 2 * p];
                s1 += Float.intBitsToFloat(v0 & 0xffff0000) * x[xo + 2 * p + 1];
                s2 += Float.intBitsToFloat(v1 << 16) * x[xo + 2 * p + 2];
                s3 += Float.intBitsToFloat(v1 & 0xffff0000) * x[xo + 2 * p + 3];
            }
            if (p < full) {
                int v = w[at + p * height];
                s0 += Float.intBitsToFloat(v << 16) * x[xo + 2 * p];
                s1 += Float.intBitsToFloat(v & 0xffff0000) * x[xo + 2 * p + 1];
            }
            if (in % 2 != 0) { // the last column has no partner
                s2 += Float.intBitsToFloat(w[at + full * height] << 16) * x[xo + in - 1];
            }
            y[yo + o] = (s0 + s1) + (s2 + s3);
        }
    }

    @Override
    public float dotF16(short[] bits, int base, float[] x, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += HALF[bits[base + i] & 0xffff] * x[i];
            s1 += HALF[bits[base + i + 1] & 0xffff] * x[i + 1];
            s2 += HALF[bits[base + i + 2] & 0xffff] * x[i + 2];
            s3 += HALF[bits[base + i + 3] & 0xffff] * x[i + 3];
        }
        for (; i < n; i++) {
            s0 += HALF[bits[base + i] & 0xffff] * x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void dot4F16(short[] bits, int r0, int n, float[] x, float[] y, int yo) {
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        float a0 = 0, a1 = 0, b0 = 0, b1 = 0, c0 = 0, c1 = 0, d0 = 0, d1 = 0;
        int i = 0;
        for (; i + 2 <= n; i += 2) {
            float x0 = x[i];
            float x1 = x[i + 1];
            a0 += HALF[bits[r0 + i] & 0xffff] * x0;
            a1 += HALF[bits[r0 + i + 1] & 0xffff] * x1;
            b0 += HALF[bits[r1 + i] & 0xffff] * x0;
            b1 += HALF[bits[r1 + i + 1] & 0xffff] * x1;
            c0 += HALF[bits[r2 + i] & 0xffff] * x0;
            c1 += HALF[bits[r2 + i + 1] & 0xffff] * x1;
            d0 += HALF[bits[r3 + i] & 0xffff] * x0;
            d1 += HALF[bits[r3 + i + 1] & 0xffff] * x1;
        }
        for (; i < n; i++) {
            a0 += HALF[bits[r0 + i] & 0xffff] * x[i];
            b0 += HALF[bits[r1 + i] & 0xffff] * x[i];
            c0 += HALF[bits[r2 + i] & 0xffff] * x[i];
            d0 += HALF[bits[r3 + i] & 0xffff] * x[i];
        }
        y[yo] = a0 + a1;
        y[yo + 1] = b0 + b1;
        y[yo + 2] = c0 + c1;
        y[yo + 3] = d0 + d1;
    }

    @Override
    public float dotInt8(byte[] q, int base, float[] x, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            s0 += VALUE[q[base + i] + 128] * x[i];
            s1 += VALUE[q[base + i + 1] + 128] * x[i + 1];
            s2 += VALUE[q[base + i + 2] + 128] * x[i + 2];
            s3 += VALUE[q[base + i + 3] + 128] * x[i + 3];
            s4 += VALUE[q[base + i + 4] + 128] * x[i + 4];
            s5 += VALUE[q[base + i + 5] + 128] * x[i + 5];
            s6 += VALUE[q[base + i + 6] + 128] * x[i + 6];
            s7 += VALUE[q[base + i + 7] + 128] * x[i + 7];
        }
        for (; i < n; i++) {
            s0 += VALUE[q[base + i] + 128] * x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    @Override
    public void dot4Int8(byte[] q, int r0, int stride, int n, float[] x, float[] y, int yo, int ystride) {
        int r1 = r0 + stride;
        int r2 = r1 + stride;
        int r3 = r2 + stride;
        float a0 = 0, a1 = 0, b0 = 0, b1 = 0, c0 = 0, c1 = 0, d0 = 0, d1 = 0;
        int i = 0;
        for (; i + 2 <= n; i += 2) {
            float x0 = x[i];
            float x1 = x[i + 1];
            a0 += VALUE[q[r0 + i] + 128] * x0;
            a1 += VALUE[q[r0 + i + 1] + 128] * x1;
            b0 += VALUE[q[r1 + i] + 128] * x0;
            b1 += VALUE[q[r1 + i + 1] + 128] * x1;
            c0 += VALUE[q[r2 + i] + 128] * x0;
            c1 += VALUE[q[r2 + i + 1] + 128] * x1;
            d0 += VALUE[q[r3 + i] + 128] * x0;
            d1 += VALUE[q[r3 + i + 1] + 128] * x1;
        }
        for (; i < n; i++) {
            a0 += VALUE[q[r0 + i] + 128] * x[i];
            b0 += VALUE[q[r1 + i] + 128] * x[i];
            c0 += VALUE[q[r2 + i] + 128] * x[i];
            d0 += VALUE[q[r3 + i] + 128] * x[i];
        }
        y[yo] = a0 + a1;
        y[yo + ystride] = b0 + b1;
        y[yo + 2 * ystride] = c0 + c1;
        y[yo + 3 * ystride] = d0 + d1;
    }

    @Override
    public void fourRows(float[] x, int rows, float[] w, int in, int out, float[] y, int from, int to) {
        for (int o = from; o < to; o++) {
            int wo = o * in;
            for (int r = 0; r < rows; r += 4) {
                int x0 = r * in;
                int x1 = x0 + in;
                int x2 = x1 + in;
                int x3 = x2 + in;
                float s0 = 0;
                float s1 = 0;
                float s2 = 0;
                float s3 = 0;
                for (int i = 0; i < in; i++) {
                    float wv = w[wo + i];
                    s0 += wv * x[x0 + i];
                    s1 += wv * x[x1 + i];
                    s2 += wv * x[x2 + i];
                    s3 += wv * x[x3 + i];
                }
                y[r * out + o] = s0;
                y[(r + 1) * out + o] = s1;
                y[(r + 2) * out + o] = s2;
                y[(r + 3) * out + o] = s3;
            }
        }
    }
}

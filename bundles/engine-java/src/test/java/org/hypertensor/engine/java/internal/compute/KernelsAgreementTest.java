package org.hypertensor.engine.java.internal.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels against the scalar ones, for every row-major weight format (bfloat16's tiles: {@link
 * Bf16TilesTest}), on random data with lengths that leave
 * tails (odd, below and above one vector) and several row counts. The two differ only in summation order, so
 * each result must agree within 1e-5 of the sum of the products' magnitudes (the scale a float sum's rounding
 * error is relative to). The build runs these tests with the Vector API module, so the vector path is checked.
 */
class KernelsAgreementTest {

    private static final int[] LENGTHS = {1, 3, 7, 15, 16, 17, 31, 33, 64, 100, 257, 1023};
    private static final double TOLERANCE = 1e-5;

    private static DotKernels vector;
    private final ScalarKernels scalar = ScalarKernels.INSTANCE;
    private final Random random = new Random(17);

    @BeforeAll
    static void vectorKernels() {
        assertTrue(KernelChoice.vectorModulePresent(), "the tests must run with --add-modules jdk.incubator.vector");
        vector = KernelChoice.choose(KernelChoice.Mode.AUTO);
        assertTrue(vector.description().startsWith("vector, "), vector.description());
    }

    @Test
    void scalarModeIgnoresTheModule() {
        assertSame(ScalarKernels.INSTANCE, KernelChoice.choose(KernelChoice.Mode.SCALAR));
        assertEquals("scalar", KernelChoice.choose(KernelChoice.Mode.SCALAR).description());
    }

    @Test
    void float32() {
        for (int n : LENGTHS) {
            float[] w = floats(4 * n + 3);
            float[] x = floats(n + 5);
            float[] magnitude = new float[4];
            for (int r = 0; r < 4; r++) {
                magnitude[r] = magnitude(w, 3 + r * n, x, 5, n);
                close(scalar.dot(x, 5, w, 3 + r * n, n), vector.dot(x, 5, w, 3 + r * n, n), magnitude[r], "dot " + n);
            }
            float[] ys = new float[6];
            float[] yv = new float[6];
            scalar.dot4(w, 3, n, x, 5, ys, 2);
            vector.dot4(w, 3, n, x, 5, yv, 2);
            for (int r = 0; r < 4; r++) {
                close(ys[2 + r], yv[2 + r], magnitude[r], "dot4 " + n + " row " + r);
            }
        }
    }

    @Test
    void half() {
        for (int n : LENGTHS) {
            short[] w = new short[4 * n + 1];
            float[] wf = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                int exponent = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(29); // some subnormals
                w[i] = (short) ((random.nextBoolean() ? 0x8000 : 0) | exponent << 10 | random.nextInt(1 << 10));
                wf[i] = ScalarKernels.half(w[i]);
            }
            checkHalf(n, w, wf);
        }
    }

    private void checkHalf(int n, short[] w, float[] wf) {
        float[] x = floats(n);
        float[] ys = new float[5];
        float[] yv = new float[5];
        scalar.dot4F16(w, 1, n, x, ys, 1);
        vector.dot4F16(w, 1, n, x, yv, 1);
        for (int r = 0; r < 4; r++) {
            int wo = 1 + r * n;
            float magnitude = magnitude(wf, wo, x, 0, n);
            close(ys[1 + r], yv[1 + r], magnitude, "f16 dot4 " + n + " row " + r);
            close(scalar.dotF16(w, wo, x, n), vector.dotF16(w, wo, x, n), magnitude, "f16 dot " + n + " row " + r);
        }
    }

    /** Every finite half converts exactly; infinities and NaN stay what they are. */
    @Test
    void everyHalfConvertsExactly() {
        short[] w = new short[1 << 16];
        for (int b = 0; b < w.length; b++) {
            w[b] = (short) b;
        }
        float[] one = {1f};
        for (int b = 0; b < w.length; b++) {
            if ((b & 0x7c00) != 0x7c00) {
                same(ScalarKernels.half(w[b]), vector.dotF16(w, b, one, 1), b);
            }
        }
        int length = 64;
        float[] ones = new float[length];
        java.util.Arrays.fill(ones, 1f);
        for (int special : new int[] {0x7c00, 0xfc00, 0x7e00, 0x7c01}) {
            short[] row = new short[length];
            java.util.Arrays.fill(row, (short) special);
            assertEquals(
                    Float.floatToIntBits(scalar.dotF16(row, 0, ones, length)),
                    Float.floatToIntBits(vector.dotF16(row, 0, ones, length)),
                    "half " + Integer.toHexString(special));
        }
        // and in lanes, not only the scalar tail: one-hot inputs pick each lane of a full vector
        for (int b = 0; b < w.length; b += length) {
            for (int j = 0; j < length; j += 5) {
                if ((w[b + j] & 0x7c00) == 0x7c00 || hasSpecial(w, b, length)) {
                    continue;
                }
                float[] hot = new float[length];
                hot[j] = 1f;
                same(ScalarKernels.half(w[b + j]), vector.dotF16(w, b, hot, length), b + j);
            }
        }
    }

    /** Equal as numbers: a sum that starts at +0 turns the half -0 into +0, which no dot product tells apart. */
    private static void same(float expected, float actual, int bits) {
        assertTrue(expected == actual, "half " + Integer.toHexString(bits) + ": " + expected + " became " + actual);
    }

    private static boolean hasSpecial(short[] w, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if ((w[i] & 0x7c00) == 0x7c00) {
                return true;
            }
        }
        return false;
    }

    @Test
    void int8() {
        for (int n : LENGTHS) {
            // four rows three rows apart (the decode's streams a block apart), outputs two apart
            int stride = 3 * n;
            byte[] q = new byte[3 * stride + n + 2];
            random.nextBytes(q);
            float[] qf = new float[q.length];
            for (int i = 0; i < q.length; i++) {
                qf[i] = q[i];
            }
            float[] x = floats(n);
            float[] ys = new float[8];
            float[] yv = new float[8];
            scalar.dot4Int8(q, 2, stride, n, x, ys, 1, 2);
            vector.dot4Int8(q, 2, stride, n, x, yv, 1, 2);
            for (int r = 0; r < 4; r++) {
                int wo = 2 + r * stride;
                float magnitude = magnitude(qf, wo, x, 0, n);
                assertEquals(0f, ys[2 * r] + yv[2 * r], "int8 dot4 wrote outside its outputs");
                close(ys[1 + 2 * r], yv[1 + 2 * r], magnitude, "int8 dot4 " + n + " row " + r);
                close(ys[1 + 2 * r], scalar.dotInt8(q, wo, x, n), magnitude, "int8 dot4 against dot " + n);
                close(scalar.dotInt8(q, wo, x, n), vector.dotInt8(q, wo, x, n), magnitude, "int8 dot " + n);
            }
        }
    }

    /** {@code y += a x}: one multiply-add per element, so both kernels give the same floats up to the FMA's rounding. */
    @Test
    void axpy() {
        for (int n : LENGTHS) {
            float[] x = floats(n + 3);
            float[] y0 = floats(n + 5);
            float[] ys = y0.clone();
            float[] yv = y0.clone();
            scalar.axpy(0.37f, x, 3, ys, 5, n);
            vector.axpy(0.37f, x, 3, yv, 5, n);
            for (int i = 0; i < y0.length; i++) {
                float magnitude = i < 5 ? 0 : Math.abs(y0[i]) + Math.abs(0.37f * x[i - 2]);
                close(ys[i], yv[i], magnitude, "axpy " + n + " at " + i);
                if (i < 5) {
                    assertEquals(y0[i], yv[i], "axpy " + n + " wrote before its range");
                }
            }
        }
    }

    /** The prefill kernel and the whole matmul (groups of four rows, then single rows) for several row counts. */
    @Test
    void rowsOfInput() {
        try (Parallel parallel = new Parallel(2)) {
            for (int in : new int[] {7, 33, 100}) {
                for (int rows : new int[] {1, 2, 4, 5, 8, 11}) {
                    int out = 37;
                    float[] w = floats(out * in);
                    float[] x = floats(rows * in);
                    float[] ys = new float[rows * out];
                    float[] yv = new float[rows * out];
                    Kernels.matmul(parallel, scalar, x, rows, w, in, out, ys);
                    Kernels.matmul(parallel, vector, x, rows, w, in, out, yv);
                    for (int r = 0; r < rows; r++) {
                        for (int o = 0; o < out; o++) {
                            float magnitude = magnitude(w, o * in, x, r * in, in);
                            close(ys[r * out + o], yv[r * out + o], magnitude, rows + "x" + in + " at " + r + "," + o);
                        }
                    }
                }
            }
        }
    }

    private float[] floats(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }

    private static float magnitude(float[] w, int wo, float[] x, int xo, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.abs((double) w[wo + i] * x[xo + i]);
        }
        return (float) s;
    }

    private static void close(float expected, float actual, float magnitude, String what) {
        assertTrue(
                Math.abs(expected - actual) <= TOLERANCE * magnitude,
                what + ": scalar " + expected + ", vector " + actual + " (products' magnitude " + magnitude + ")");
    }
}

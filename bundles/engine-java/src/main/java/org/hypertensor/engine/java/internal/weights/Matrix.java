package org.hypertensor.engine.java.internal.weights;

import java.nio.ShortBuffer;
import java.util.Optional;
import org.hypertensor.engine.java.internal.compute.Kernels;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.ShapeException;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * A linear weight {@code [out, in]} held in one of the {@link WeightFormat formats}. The kernels read it a
 * row at a time as floats ({@link #row}): a 16-bit or int8 row is expanded into a small buffer that stays in
 * the L1 cache and is then used for every input row, so memory traffic is the stored size.
 */
public abstract sealed class Matrix permits Matrix.F32, Matrix.Bits16, Matrix.Int8 {

    private final int out;
    private final int in;

    Matrix(int out, int in) {
        this.out = out;
        this.in = in;
    }

    public final int out() {
        return out;
    }

    public final int in() {
        return in;
    }

    /** Writes row {@code o} as floats into {@code buffer[0 .. in)}. */
    public abstract void row(int o, float[] buffer);

    /**
     * Row {@code o} times {@code x[xo .. xo + in)}, reading the stored values directly (the decode path: one
     * input row, so no buffer to amortize); eight partial sums like the float kernel.
     */
    public abstract float dot(int o, float[] x, int xo);

    /**
     * Rows {@code o .. o + 3} times {@code x[0 .. in)} into {@code y[o .. o + 3]}: the decode kernel of the 16-bit
     * and int8 formats. Four weight rows share each load of {@code x}, two partial sums a row, so the loop does
     * little beyond converting the stored values and stays memory-bound.
     */
    public void dot4(int o, float[] x, float[] y) {
        for (int r = 0; r < 4; r++) {
            y[o + r] = dot(o + r, x, 0);
        }
    }

    /** Bytes the values take in memory. */
    public abstract long bytes();

    /** Reads tensor {@code name} (checked to be {@code [out, in]}) in {@code format}. */
    public static Matrix read(WeightSource weights, String name, int out, int in, WeightFormat format) {
        if (format == WeightFormat.NATIVE) {
            DType dtype = weights.dtype(name);
            Optional<ShortBuffer> bits = dtype == DType.F32 ? Optional.empty() : weights.bits16(name);
            if (bits.isPresent()) {
                checkShape(name, weights.shape(name), out, in);
                short[] values = new short[out * in];
                bits.get().duplicate().get(values);
                return new Bits16(out, in, dtype, values);
            }
        }
        float[] values = weights.tensor(name, out, in).toArray();
        return format == WeightFormat.INT8 ? Int8.quantize(out, in, values) : new F32(out, in, values);
    }

    private static void checkShape(String name, int[] shape, int out, int in) {
        if (shape.length != 2 || shape[0] != out || shape[1] != in) {
            throw new ShapeException(
                    name + " must have shape [" + out + ", " + in + "], got " + java.util.Arrays.toString(shape));
        }
    }

    /** float32 values, row-major. */
    public static final class F32 extends Matrix {
        private final float[] values;

        public F32(int out, int in, float[] values) {
            super(out, in);
            this.values = values;
        }

        /** The values themselves (the float kernels read them in place). */
        public float[] values() {
            return values;
        }

        @Override
        public void row(int o, float[] buffer) {
            System.arraycopy(values, o * in(), buffer, 0, in());
        }

        @Override
        public float dot(int o, float[] x, int xo) {
            return Kernels.dot(values, o * in(), x, xo, in());
        }

        @Override
        public long bytes() {
            return 4L * values.length;
        }
    }

    /** IEEE half or bfloat16 bits, as stored. */
    public static final class Bits16 extends Matrix {
        /** float values of all 2^16 half-precision bit patterns: a lookup is cheaper than the conversion. */
        private static final float[] HALF = halfTable();

        private final DType dtype;
        private final short[] bits;

        Bits16(int out, int in, DType dtype, short[] bits) {
            super(out, in);
            this.dtype = dtype;
            this.bits = bits;
        }

        private static float[] halfTable() {
            float[] table = new float[1 << 16];
            for (int b = 0; b < table.length; b++) {
                table[b] = DType.F16.toFloat((short) b);
            }
            return table;
        }

        @Override
        public float dot(int o, float[] x, int xo) {
            return dtype == DType.BF16 ? dotBf16(o, x, xo) : dotF16(o, x, xo);
        }

        private float dotBf16(int o, float[] x, int xo) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int base = o * in();
            int n = in();
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                s0 += Float.intBitsToFloat(bits[base + i] << 16) * x[xo + i];
                s1 += Float.intBitsToFloat(bits[base + i + 1] << 16) * x[xo + i + 1];
                s2 += Float.intBitsToFloat(bits[base + i + 2] << 16) * x[xo + i + 2];
                s3 += Float.intBitsToFloat(bits[base + i + 3] << 16) * x[xo + i + 3];
                s4 += Float.intBitsToFloat(bits[base + i + 4] << 16) * x[xo + i + 4];
                s5 += Float.intBitsToFloat(bits[base + i + 5] << 16) * x[xo + i + 5];
                s6 += Float.intBitsToFloat(bits[base + i + 6] << 16) * x[xo + i + 6];
                s7 += Float.intBitsToFloat(bits[base + i + 7] << 16) * x[xo + i + 7];
            }
            for (; i < n; i++) {
                s0 += Float.intBitsToFloat(bits[base + i] << 16) * x[xo + i];
            }
            return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
        }

        @Override
        public void dot4(int o, float[] x, float[] y) {
            if (dtype == DType.BF16) {
                dot4Bf16(o, x, y);
            } else {
                dot4F16(o, x, y);
            }
        }

        private void dot4Bf16(int o, float[] x, float[] y) {
            int n = in();
            int r0 = o * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
            float a0 = 0, a1 = 0, b0 = 0, b1 = 0, c0 = 0, c1 = 0, d0 = 0, d1 = 0;
            int i = 0;
            for (; i + 2 <= n; i += 2) {
                float x0 = x[i];
                float x1 = x[i + 1];
                a0 += Float.intBitsToFloat(bits[r0 + i] << 16) * x0;
                a1 += Float.intBitsToFloat(bits[r0 + i + 1] << 16) * x1;
                b0 += Float.intBitsToFloat(bits[r1 + i] << 16) * x0;
                b1 += Float.intBitsToFloat(bits[r1 + i + 1] << 16) * x1;
                c0 += Float.intBitsToFloat(bits[r2 + i] << 16) * x0;
                c1 += Float.intBitsToFloat(bits[r2 + i + 1] << 16) * x1;
                d0 += Float.intBitsToFloat(bits[r3 + i] << 16) * x0;
                d1 += Float.intBitsToFloat(bits[r3 + i + 1] << 16) * x1;
            }
            for (; i < n; i++) {
                a0 += Float.intBitsToFloat(bits[r0 + i] << 16) * x[i];
                b0 += Float.intBitsToFloat(bits[r1 + i] << 16) * x[i];
                c0 += Float.intBitsToFloat(bits[r2 + i] << 16) * x[i];
                d0 += Float.intBitsToFloat(bits[r3 + i] << 16) * x[i];
            }
            y[o] = a0 + a1;
            y[o + 1] = b0 + b1;
            y[o + 2] = c0 + c1;
            y[o + 3] = d0 + d1;
        }

        private void dot4F16(int o, float[] x, float[] y) {
            int n = in();
            int r0 = o * n;
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
            y[o] = a0 + a1;
            y[o + 1] = b0 + b1;
            y[o + 2] = c0 + c1;
            y[o + 3] = d0 + d1;
        }

        private float dotF16(int o, float[] x, int xo) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            int base = o * in();
            int n = in();
            int i = 0;
            for (; i + 4 <= n; i += 4) {
                s0 += HALF[bits[base + i] & 0xffff] * x[xo + i];
                s1 += HALF[bits[base + i + 1] & 0xffff] * x[xo + i + 1];
                s2 += HALF[bits[base + i + 2] & 0xffff] * x[xo + i + 2];
                s3 += HALF[bits[base + i + 3] & 0xffff] * x[xo + i + 3];
            }
            for (; i < n; i++) {
                s0 += HALF[bits[base + i] & 0xffff] * x[xo + i];
            }
            return (s0 + s1) + (s2 + s3);
        }

        @Override
        public void row(int o, float[] buffer) {
            int base = o * in();
            int n = in();
            if (dtype == DType.BF16) {
                for (int i = 0; i < n; i++) {
                    buffer[i] = Float.intBitsToFloat(bits[base + i] << 16);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    buffer[i] = HALF[bits[base + i] & 0xffff];
                }
            }
        }

        @Override
        public long bytes() {
            return 2L * bits.length;
        }
    }

    /** int8 values with one scale per output row: {@code w[o][i] = q[o][i] * scale[o]}. */
    public static final class Int8 extends Matrix {
        /** The float of every int8 value, at {@code value + 128}: a load is cheaper than the int-to-float conversion. */
        private static final float[] VALUE = int8Table();

        private final byte[] q;
        private final float[] scales;

        private Int8(int out, int in, byte[] q, float[] scales) {
            super(out, in);
            this.q = q;
            this.scales = scales;
        }

        private static float[] int8Table() {
            float[] table = new float[256];
            for (int v = 0; v < table.length; v++) {
                table[v] = v - 128;
            }
            return table;
        }

        /** Symmetric per-row quantization: the row's largest magnitude becomes 127. */
        static Int8 quantize(int out, int in, float[] w) {
            byte[] q = new byte[out * in];
            float[] scales = new float[out];
            for (int o = 0; o < out; o++) {
                float max = 0;
                for (int i = 0; i < in; i++) {
                    max = Math.max(max, Math.abs(w[o * in + i]));
                }
                float scale = max / 127f;
                scales[o] = scale;
                float inverse = scale == 0 ? 0 : 1 / scale;
                for (int i = 0; i < in; i++) {
                    q[o * in + i] = (byte) Math.round(w[o * in + i] * inverse);
                }
            }
            return new Int8(out, in, q, scales);
        }

        @Override
        public float dot(int o, float[] x, int xo) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int base = o * in();
            int n = in();
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                s0 += VALUE[q[base + i] + 128] * x[xo + i];
                s1 += VALUE[q[base + i + 1] + 128] * x[xo + i + 1];
                s2 += VALUE[q[base + i + 2] + 128] * x[xo + i + 2];
                s3 += VALUE[q[base + i + 3] + 128] * x[xo + i + 3];
                s4 += VALUE[q[base + i + 4] + 128] * x[xo + i + 4];
                s5 += VALUE[q[base + i + 5] + 128] * x[xo + i + 5];
                s6 += VALUE[q[base + i + 6] + 128] * x[xo + i + 6];
                s7 += VALUE[q[base + i + 7] + 128] * x[xo + i + 7];
            }
            for (; i < n; i++) {
                s0 += VALUE[q[base + i] + 128] * x[xo + i];
            }
            return (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))) * scales[o];
        }

        @Override
        public void dot4(int o, float[] x, float[] y) {
            int n = in();
            int r0 = o * n;
            int r1 = r0 + n;
            int r2 = r1 + n;
            int r3 = r2 + n;
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
            y[o] = (a0 + a1) * scales[o];
            y[o + 1] = (b0 + b1) * scales[o + 1];
            y[o + 2] = (c0 + c1) * scales[o + 2];
            y[o + 3] = (d0 + d1) * scales[o + 3];
        }

        @Override
        public void row(int o, float[] buffer) {
            int base = o * in();
            float scale = scales[o];
            for (int i = 0; i < in(); i++) {
                buffer[i] = q[base + i] * scale;
            }
        }

        @Override
        public long bytes() {
            return q.length + 4L * scales.length;
        }
    }
}

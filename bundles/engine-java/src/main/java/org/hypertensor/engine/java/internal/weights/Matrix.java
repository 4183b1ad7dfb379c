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
        private final byte[] q;
        private final float[] scales;

        private Int8(int out, int in, byte[] q, float[] scales) {
            super(out, in);
            this.q = q;
            this.scales = scales;
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
                s0 += q[base + i] * x[xo + i];
                s1 += q[base + i + 1] * x[xo + i + 1];
                s2 += q[base + i + 2] * x[xo + i + 2];
                s3 += q[base + i + 3] * x[xo + i + 3];
                s4 += q[base + i + 4] * x[xo + i + 4];
                s5 += q[base + i + 5] * x[xo + i + 5];
                s6 += q[base + i + 6] * x[xo + i + 6];
                s7 += q[base + i + 7] * x[xo + i + 7];
            }
            for (; i < n; i++) {
                s0 += q[base + i] * x[xo + i];
            }
            return (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))) * scales[o];
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

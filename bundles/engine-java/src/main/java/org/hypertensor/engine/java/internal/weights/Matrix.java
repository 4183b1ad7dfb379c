package org.hypertensor.engine.java.internal.weights;

import java.nio.ShortBuffer;
import java.util.Optional;
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
        public long bytes() {
            return 4L * values.length;
        }
    }

    /** IEEE half or bfloat16 bits, as stored. */
    public static final class Bits16 extends Matrix {
        private final DType dtype;
        private final short[] bits;

        Bits16(int out, int in, DType dtype, short[] bits) {
            super(out, in);
            this.dtype = dtype;
            this.bits = bits;
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
                    buffer[i] = dtype.toFloat(bits[base + i]);
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

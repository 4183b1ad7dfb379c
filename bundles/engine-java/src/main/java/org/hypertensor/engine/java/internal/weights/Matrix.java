package org.hypertensor.engine.java.internal.weights;

import java.nio.ShortBuffer;
import java.util.Optional;
import org.hypertensor.engine.java.internal.compute.Bf16Tiles;
import org.hypertensor.engine.java.internal.compute.DotKernels;
import org.hypertensor.engine.java.internal.compute.ScalarKernels;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.ShapeException;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * A linear weight {@code [out, in]} held in one of the {@link WeightFormat formats}. Decode reads the stored
 * values directly through the {@link DotKernels}; prefill reads it a row at a time as floats ({@link #row}): a
 * 16-bit or int8 row is expanded into a small buffer that stays in the L1 cache and is then used for every
 * input row, so memory traffic is the stored size. bfloat16 is held in the output-tiled {@link Bf16Tiles}
 * layout (same bytes), the other formats row-major.
 */
public abstract sealed class Matrix permits Matrix.RowMajor, Matrix.Bf16, Matrix.Int8 {

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

    /** {@code y[o] = row o . x[0 .. in)} for {@code from <= o < to}, reading the stored values (the decode path). */
    public abstract void decode(DotKernels k, float[] x, float[] y, int from, int to);

    /**
     * The outputs a block of a parallel decode should hold, a multiple of it (1: any): the rows {@code k}'s kernel
     * takes in one pass. A block cut shorter reads fewer memory streams at once, or computes a tile twice.
     */
    public int decodeBlock(DotKernels k) {
        return 1;
    }

    /** Bytes the values take in memory. */
    public abstract long bytes();

    /**
     * Reads tensor {@code name} (checked to be {@code [out, in]}) in {@code format}, bfloat16 in tiles of
     * {@code bf16Tile} rows (the kernels' {@link DotKernels#bf16Tile}).
     */
    public static Matrix read(WeightSource weights, String name, int out, int in, WeightFormat format, int bf16Tile) {
        if (format == WeightFormat.NATIVE) {
            DType dtype = weights.dtype(name);
            Optional<ShortBuffer> bits = dtype == DType.F32 ? Optional.empty() : weights.bits16(name);
            if (bits.isPresent()) {
                checkShape(name, weights.shape(name), out, in);
                short[] values = new short[out * in];
                bits.get().duplicate().get(values);
                return dtype == DType.BF16
                        ? new Bf16(out, in, bf16Tile, Bf16Tiles.pack(values, out, in, bf16Tile))
                        : new F16(out, in, values);
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

    /** Row-major values: decode takes four rows at a time (they share each load of {@code x}), then one by one. */
    abstract static sealed class RowMajor extends Matrix permits F32, F16 {

        RowMajor(int out, int in) {
            super(out, in);
        }

        /** Row {@code o} times {@code x[0 .. in)}. */
        abstract float dot(DotKernels k, int o, float[] x);

        /** Rows {@code o .. o + 3} times {@code x[0 .. in)} into {@code y[o .. o + 3]}. */
        abstract void dot4(DotKernels k, int o, float[] x, float[] y);

        @Override
        public final void decode(DotKernels k, float[] x, float[] y, int from, int to) {
            int o = from;
            for (; o + 4 <= to; o += 4) {
                dot4(k, o, x, y);
            }
            for (; o < to; o++) {
                y[o] = dot(k, o, x);
            }
        }
    }

    /** bfloat16 bits in the output-tiled {@link Bf16Tiles} layout. */
    public static final class Bf16 extends Matrix {
        private final int tile;
        private final int[] tiles;

        Bf16(int out, int in, int tile, int[] tiles) {
            super(out, in);
            this.tile = tile;
            this.tiles = tiles;
        }

        @Override
        public void decode(DotKernels k, float[] x, float[] y, int from, int to) {
            k.bf16Tiles(tiles, in(), out(), tile, x, y, from, to);
        }

        /** {@code y[r][o] = x[r] . row o} for input rows {@code r < rows} and {@code from <= o < to} (prefill). */
        public void rows(DotKernels k, float[] x, int rows, float[] y, int from, int to) {
            k.bf16TileRows(tiles, in(), out(), tile, x, rows, y, from, to);
        }

        /** The tiles of one pass of the kernel ({@link DotKernels#bf16TilesPerPass}). */
        @Override
        public int decodeBlock(DotKernels k) {
            return tile * k.bf16TilesPerPass();
        }

        @Override
        public void row(int o, float[] buffer) {
            Bf16Tiles.row(tiles, in(), out(), tile, o, buffer);
        }

        @Override
        public long bytes() {
            return 4L * tiles.length;
        }
    }

    /** float32 values, row-major. */
    public static final class F32 extends RowMajor {
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
        float dot(DotKernels k, int o, float[] x) {
            return k.dot(x, 0, values, o * in(), in());
        }

        @Override
        void dot4(DotKernels k, int o, float[] x, float[] y) {
            k.dot4(values, o * in(), in(), x, 0, y, o);
        }

        @Override
        public long bytes() {
            return 4L * values.length;
        }
    }

    /** IEEE half bits, as stored. */
    public static final class F16 extends RowMajor {
        private final short[] bits;

        F16(int out, int in, short[] bits) {
            super(out, in);
            this.bits = bits;
        }

        @Override
        float dot(DotKernels k, int o, float[] x) {
            return k.dotF16(bits, o * in(), x, in());
        }

        @Override
        void dot4(DotKernels k, int o, float[] x, float[] y) {
            k.dot4F16(bits, o * in(), in(), x, y, o);
        }

        @Override
        public void row(int o, float[] buffer) {
            int base = o * in();
            for (int i = 0; i < in(); i++) {
                buffer[i] = ScalarKernels.half(bits[base + i]);
            }
        }

        @Override
        public long bytes() {
            return 2L * bits.length;
        }
    }

    /**
     * int8 values with one scale per output row, {@code w[o][i] = q[o][i] * scale[o]}, row-major; decode reads four
     * rows a quarter of a block apart rather than four adjacent ones.
     */
    public static final class Int8 extends Matrix {
        /** Rows of one of the four streams a decode block holds at least. */
        private static final int STREAM_ROWS = 16;

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

        private float dot(DotKernels k, int o, float[] x) {
            return k.dotInt8(q, o * in(), x, in()) * scales[o];
        }

        /** Four streams of {@value #STREAM_ROWS} rows (12 KB of 768-long rows). */
        @Override
        public int decodeBlock(DotKernels k) {
            return 4 * STREAM_ROWS;
        }

        /**
         * Four rows a quarter of the range apart per pass: four memory streams at once (int8 rows are short, so
         * four adjacent ones are one stream), then what is left a row at a time.
         */
        @Override
        public void decode(DotKernels k, float[] x, float[] y, int from, int to) {
            int quarter = (to - from) / 4;
            for (int o = from; o < from + quarter; o++) {
                k.dot4Int8(q, o * in(), quarter * in(), in(), x, y, o, quarter);
            }
            for (int o = from; o < from + 4 * quarter; o++) {
                y[o] *= scales[o];
            }
            for (int o = from + 4 * quarter; o < to; o++) {
                y[o] = dot(k, o, x);
            }
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

package org.hypertensor.engine.java.internal.compute.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.hypertensor.engine.java.internal.compute.DotKernels;
import org.hypertensor.engine.java.internal.compute.ScalarKernels;

/**
 * The {@link DotKernels} on the Vector API ({@code jdk.incubator.vector}), at the CPU's preferred width: one
 * float lane per stored weight: bfloat16 column pairs of {@code L} rows read as int lanes ({@link Bf16Tiles})
 * and split by a shift and a mask, IEEE half widened from a half-width short vector, int8 from a
 * quarter-width byte vector, all converted in registers and multiply-added into accumulators per weight row;
 * tails scalar. The loops are written out per format on purpose: one loop taking the conversion as a lambda
 * leaves C2 a call it need not inline, and a vector that escapes into a call is boxed (ten times slower).
 * Only {@code KernelChoice} loads this class, and only when the module is in the boot layer.
 */
public final class VectorKernels implements DotKernels {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

    private static final VectorSpecies<Short> S =
            VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    private static final VectorSpecies<Byte> B =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(F.vectorBitSize() / 4));
    private static final int L = F.length();
    /** The high half of an int lane: the odd bfloat16 value of a pair, already in a float's place. */
    private static final int HIGH = 0xffff0000;
    /** 2^112: turns a half's exponent and mantissa, moved to a float's place, into its value (normal or not). */
    private static final float HALF_SCALE = 0x1p112f;

    @Override
    public String description() {
        return "vector, " + F.vectorBitSize() + "-bit (" + L + " floats)";
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = FloatVector.zero(F);
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
            s1 = FloatVector.fromArray(F, a, ao + i + L).fma(FloatVector.fromArray(F, b, bo + i + L), s1);
        }
        for (; i + L <= n; i += L) {
            s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
        }
        float s = s0.add(s1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    @Override
    public void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector av = FloatVector.broadcast(F, a);
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector.fromArray(F, x, xo + i)
                    .fma(av, FloatVector.fromArray(F, y, yo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += a * x[xo + i];
        }
    }

    @Override
    public void dot4(float[] w, int r0, int n, float[] x, int xo, float[] y, int yo) {
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        FloatVector a = FloatVector.zero(F);
        FloatVector b = FloatVector.zero(F);
        FloatVector c = FloatVector.zero(F);
        FloatVector d = FloatVector.zero(F);
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(F, x, xo + i);
            a = FloatVector.fromArray(F, w, r0 + i).fma(xv, a);
            b = FloatVector.fromArray(F, w, r1 + i).fma(xv, b);
            c = FloatVector.fromArray(F, w, r2 + i).fma(xv, c);
            d = FloatVector.fromArray(F, w, r3 + i).fma(xv, d);
        }
        finish4(a, b, c, d, y, yo);
        for (; i < n; i++) {
            float xi = x[xo + i];
            y[yo] += w[r0 + i] * xi;
            y[yo + 1] += w[r1 + i] * xi;
            y[yo + 2] += w[r2 + i] * xi;
            y[yo + 3] += w[r3 + i] * xi;
        }
    }

    private static void finish4(FloatVector a, FloatVector b, FloatVector c, FloatVector d, float[] y, int yo) {
        y[yo] = a.reduceLanes(VectorOperators.ADD);
        y[yo + 1] = b.reduceLanes(VectorOperators.ADD);
        y[yo + 2] = c.reduceLanes(VectorOperators.ADD);
        y[yo + 3] = d.reduceLanes(VectorOperators.ADD);
    }

    /**
     * {@code L} IEEE halves from {@code w[at ..]} as floats: exponent and mantissa shifted to a float's place and
     * scaled by 2^112 (exact for normal and subnormal halves), infinities and NaNs given the float's all-ones
     * exponent, the sign put back.
     */
    private static FloatVector f16(short[] w, int at) {
        IntVector h = ShortVector.fromArray(S, w, at)
                .convertShape(VectorOperators.S2I, I, 0)
                .reinterpretAsInts();
        IntVector magnitude = h.and(0x7fff);
        IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
        FloatVector value = shifted.reinterpretAsFloats().mul(HALF_SCALE);
        VectorMask<Integer> special = magnitude.compare(VectorOperators.GE, 0x7c00);
        IntVector bits = value.reinterpretAsInts().blend(shifted.or(0x7f800000), special);
        return bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
    }

    /** {@code L} int8 values from {@code q[at ..]} as floats. */
    private static FloatVector int8(byte[] q, int at) {
        return ByteVector.fromArray(B, q, at)
                .convertShape(VectorOperators.B2F, F, 0)
                .reinterpretAsFloats();
    }

    @Override
    public int bf16Tile() {
        return L;
    }

    /** {@link #fourTiles}. */
    @Override
    public int bf16TilesPerPass() {
        return 4;
    }

    /**
     * Whole tiles of {@code L} rows four at a time, then one at a time; the rest (a short last tile, an odd
     * {@code in}, a tile of another height) by the scalar loop. The four tiles of a pass are four streams a tile
     * apart that share each broadcast of {@code x}: one core streams ≈ 35 % more bytes per second from four
     * streams than from one (KernelBench), as the float32 kernel does from its four rows.
     */
    @Override
    public void bf16Tiles(int[] w, int in, int out, int tile, float[] x, float[] y, int from, int to) {
        int rest = from;
        if (tile == L && in % 2 == 0) {
            int whole = Math.min(to, out - out % L);
            int pairs = in / 2;
            int t = from / L;
            for (; (t + 4) * L <= whole; t += 4) {
                fourTiles(w, pairs, x, y, t * L * pairs, t * L, from, to);
            }
            for (; t * L < whole; t++) {
                oneTile(w, pairs, x, 0, y, 0, t * L * pairs, t * L, from, to);
            }
            rest = Math.max(from, whole);
        }
        if (rest < to) {
            ScalarKernels.INSTANCE.bf16Tiles(w, in, out, tile, x, y, rest, to);
        }
    }

    /** Each whole tile of {@code L} rows by {@link #oneTile} for every input row; the rest by the scalar loop. */
    @Override
    public void bf16TileRows(int[] w, int in, int out, int tile, float[] x, int rows, float[] y, int from, int to) {
        int rest = from;
        if (tile == L && in % 2 == 0) {
            int whole = Math.min(to, out - out % L);
            int pairs = in / 2;
            for (int t = from / L; t * L < whole; t++) {
                for (int r = 0; r < rows; r++) {
                    oneTile(w, pairs, x, r * in, y, r * out, t * L * pairs, t * L, from, whole);
                }
            }
            rest = Math.max(from, whole);
        }
        if (rest < to) {
            ScalarKernels.INSTANCE.bf16TileRows(w, in, out, tile, x, rows, y, rest, to);
        }
    }

    /** Four tiles from {@code w[base]}, rows {@code row ..}: eight accumulators, one per tile and parity. */
    private static void fourTiles(int[] w, int pairs, float[] x, float[] y, int base, int row, int from, int to) {
        int step = L * pairs;
        FloatVector a = FloatVector.zero(F);
        FloatVector b = FloatVector.zero(F);
        FloatVector c = FloatVector.zero(F);
        FloatVector d = FloatVector.zero(F);
        FloatVector a1 = FloatVector.zero(F);
        FloatVector b1 = FloatVector.zero(F);
        FloatVector c1 = FloatVector.zero(F);
        FloatVector d1 = FloatVector.zero(F);
        for (int p = 0; p < pairs; p++) {
            int at = base + p * L;
            IntVector v0 = IntVector.fromArray(I, w, at);
            IntVector v1 = IntVector.fromArray(I, w, at + step);
            IntVector v2 = IntVector.fromArray(I, w, at + 2 * step);
            IntVector v3 = IntVector.fromArray(I, w, at + 3 * step);
            FloatVector xe = FloatVector.broadcast(F, x[2 * p]);
            FloatVector xd = FloatVector.broadcast(F, x[2 * p + 1]);
            a = v0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(xe, a);
            b = v1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(xe, b);
            c = v2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(xe, c);
            d = v3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(xe, d);
            a1 = v0.and(HIGH).reinterpretAsFloats().fma(xd, a1);
            b1 = v1.and(HIGH).reinterpretAsFloats().fma(xd, b1);
            c1 = v2.and(HIGH).reinterpretAsFloats().fma(xd, c1);
            d1 = v3.and(HIGH).reinterpretAsFloats().fma(xd, d1);
        }
        store(a.add(a1), y, row, from, to);
        store(b.add(b1), y, row + L, from, to);
        store(c.add(c1), y, row + 2 * L, from, to);
        store(d.add(d1), y, row + 3 * L, from, to);
    }

    /**
     * One tile from {@code w[base]}, rows {@code row ..}, times {@code x[xo ..]} into {@code y[yo + row ..]}: two
     * pairs per iteration, four accumulators.
     */
    private static void oneTile(
            int[] w, int pairs, float[] x, int xo, float[] y, int yo, int base, int row, int from, int to) {
        FloatVector a = FloatVector.zero(F);
        FloatVector b = FloatVector.zero(F);
        FloatVector c = FloatVector.zero(F);
        FloatVector d = FloatVector.zero(F);
        int p = 0;
        for (; p + 2 <= pairs; p += 2) {
            IntVector v0 = IntVector.fromArray(I, w, base + p * L);
            IntVector v1 = IntVector.fromArray(I, w, base + p * L + L);
            a = v0.lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .fma(FloatVector.broadcast(F, x[xo + 2 * p]), a);
            b = v0.and(HIGH).reinterpretAsFloats().fma(FloatVector.broadcast(F, x[xo + 2 * p + 1]), b);
            c = v1.lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .fma(FloatVector.broadcast(F, x[xo + 2 * p + 2]), c);
            d = v1.and(HIGH).reinterpretAsFloats().fma(FloatVector.broadcast(F, x[xo + 2 * p + 3]), d);
        }
        if (p < pairs) {
            IntVector v = IntVector.fromArray(I, w, base + p * L);
            a = v.lanewise(VectorOperators.LSHL, 16)
                    .reinterpretAsFloats()
                    .fma(FloatVector.broadcast(F, x[xo + 2 * p]), a);
            b = v.and(HIGH).reinterpretAsFloats().fma(FloatVector.broadcast(F, x[xo + 2 * p + 1]), b);
        }
        store(a.add(b).add(c.add(d)), y, yo + row, yo + from, yo + to);
    }

    /** The {@code L} outputs of rows {@code at ..} into {@code y}, those outside {@code [from, to)} left out. */
    private static void store(FloatVector s, float[] y, int at, int from, int to) {
        if (at >= from && at + L <= to) {
            s.intoArray(y, at);
        } else {
            s.intoArray(y, at, F.indexInRange(at - from, to - from));
        }
    }

    @Override
    public float dotF16(short[] w, int wo, float[] x, int n) {
        FloatVector s = FloatVector.zero(F);
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            s = f16(w, wo + i).fma(FloatVector.fromArray(F, x, i), s);
        }
        float sum = s.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += ScalarKernels.half(w[wo + i]) * x[i];
        }
        return sum;
    }

    @Override
    public void dot4F16(short[] w, int r0, int n, float[] x, float[] y, int yo) {
        int r1 = r0 + n;
        int r2 = r1 + n;
        int r3 = r2 + n;
        FloatVector a = FloatVector.zero(F);
        FloatVector b = FloatVector.zero(F);
        FloatVector c = FloatVector.zero(F);
        FloatVector d = FloatVector.zero(F);
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(F, x, i);
            a = f16(w, r0 + i).fma(xv, a);
            b = f16(w, r1 + i).fma(xv, b);
            c = f16(w, r2 + i).fma(xv, c);
            d = f16(w, r3 + i).fma(xv, d);
        }
        finish4(a, b, c, d, y, yo);
        for (; i < n; i++) {
            y[yo] += ScalarKernels.half(w[r0 + i]) * x[i];
            y[yo + 1] += ScalarKernels.half(w[r1 + i]) * x[i];
            y[yo + 2] += ScalarKernels.half(w[r2 + i]) * x[i];
            y[yo + 3] += ScalarKernels.half(w[r3 + i]) * x[i];
        }
    }

    @Override
    public float dotInt8(byte[] q, int wo, float[] x, int n) {
        FloatVector s = FloatVector.zero(F);
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            s = int8(q, wo + i).fma(FloatVector.fromArray(F, x, i), s);
        }
        float sum = s.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sum += q[wo + i] * x[i];
        }
        return sum;
    }

    @Override
    public void dot4Int8(byte[] q, int r0, int stride, int n, float[] x, float[] y, int yo, int ystride) {
        int r1 = r0 + stride;
        int r2 = r1 + stride;
        int r3 = r2 + stride;
        FloatVector a = FloatVector.zero(F);
        FloatVector b = FloatVector.zero(F);
        FloatVector c = FloatVector.zero(F);
        FloatVector d = FloatVector.zero(F);
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(F, x, i);
            a = int8(q, r0 + i).fma(xv, a);
            b = int8(q, r1 + i).fma(xv, b);
            c = int8(q, r2 + i).fma(xv, c);
            d = int8(q, r3 + i).fma(xv, d);
        }
        float sa = a.reduceLanes(VectorOperators.ADD);
        float sb = b.reduceLanes(VectorOperators.ADD);
        float sc = c.reduceLanes(VectorOperators.ADD);
        float sd = d.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            sa += q[r0 + i] * x[i];
            sb += q[r1 + i] * x[i];
            sc += q[r2 + i] * x[i];
            sd += q[r3 + i] * x[i];
        }
        y[yo] = sa;
        y[yo + ystride] = sb;
        y[yo + 2 * ystride] = sc;
        y[yo + 3 * ystride] = sd;
    }

    @Override
    public void fourRows(float[] x, int rows, float[] w, int in, int out, float[] y, int from, int to) {
        int bound = F.loopBound(in);
        for (int o = from; o < to; o++) {
            int wo = o * in;
            for (int r = 0; r < rows; r += 4) {
                int x0 = r * in;
                int x1 = x0 + in;
                int x2 = x1 + in;
                int x3 = x2 + in;
                FloatVector a = FloatVector.zero(F);
                FloatVector b = FloatVector.zero(F);
                FloatVector c = FloatVector.zero(F);
                FloatVector d = FloatVector.zero(F);
                int i = 0;
                for (; i < bound; i += L) {
                    FloatVector wv = FloatVector.fromArray(F, w, wo + i);
                    a = wv.fma(FloatVector.fromArray(F, x, x0 + i), a);
                    b = wv.fma(FloatVector.fromArray(F, x, x1 + i), b);
                    c = wv.fma(FloatVector.fromArray(F, x, x2 + i), c);
                    d = wv.fma(FloatVector.fromArray(F, x, x3 + i), d);
                }
                float s0 = a.reduceLanes(VectorOperators.ADD);
                float s1 = b.reduceLanes(VectorOperators.ADD);
                float s2 = c.reduceLanes(VectorOperators.ADD);
                float s3 = d.reduceLanes(VectorOperators.ADD);
                for (; i < in; i++) {
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

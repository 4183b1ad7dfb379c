package org.hypertensor.engine.java.internal.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The output-tiled bfloat16 layout and its kernels: packing keeps every value (rows read back exactly), and the
 * scalar and vector {@code bf16Tiles} agree with a float64 sum of the same products within 1e-5 of the products'
 * magnitude, for row counts that leave a short last tile, column counts that are odd or leave a tail, and ranges
 * that start and end inside a tile (the rows outside the range are left as they were), for one input row
 * ({@code bf16Tiles}, decode) and several ({@code bf16TileRows}, prefill).
 */
class Bf16TilesTest {

    private static final int[] ROWS = {1, 5, 16, 17, 31, 64, 65, 100, 130};
    private static final int[] COLUMNS = {1, 2, 3, 31, 32, 33, 34, 64, 100, 257};
    /** Besides the vector kernels' own height (the vector path), heights they leave to the scalar loop. */
    private static final int[] OTHER_TILES = {32, 64};

    private static final double TOLERANCE = 1e-5;

    private static DotKernels vector;
    private final Random random = new Random(16);

    @BeforeAll
    static void vectorKernels() {
        assertTrue(KernelChoice.vectorModulePresent(), "the tests must run with --add-modules jdk.incubator.vector");
        vector = KernelChoice.choose(KernelChoice.Mode.AUTO);
    }

    private static int[] tiles() {
        return new int[] {vector.bf16Tile(), OTHER_TILES[0], OTHER_TILES[1]};
    }

    /** A test on one packed matrix: its tile height, shape, row-major bits and tiles. */
    private interface PackedCase {
        void check(int tile, int out, int in, short[] bits, int[] tiles);
    }

    /** Every tile height, row count and column count, with random bits packed. */
    private void forEachPacked(PackedCase test) {
        for (int tile : tiles()) {
            for (int out : ROWS) {
                for (int in : COLUMNS) {
                    short[] bits = bits(out * in);
                    test.check(tile, out, in, bits, Bf16Tiles.pack(bits, out, in, tile));
                }
            }
        }
    }

    @Test
    void rowsReadBackExactly() {
        forEachPacked((tile, out, in, bits, tiles) -> {
            assertEquals((long) out * Bf16Tiles.pairs(in), tiles.length, "no padding but the odd column");
            float[] row = new float[in];
            for (int o = 0; o < out; o++) {
                Bf16Tiles.row(tiles, in, out, tile, o, row);
                for (int i = 0; i < in; i++) {
                    assertEquals(bits[o * in + i], (short) (Float.floatToRawIntBits(row[i]) >>> 16));
                }
            }
        });
    }

    @Test
    void scalarAndVectorMatchTheFloat64Products() {
        forEachPacked((tile, out, in, bits, tiles) -> {
            float[] x = floats(in);
            int[][] ranges = {{0, out}, {out / 3, out - out / 4}, {Math.min(out, tile + 3), out}};
            for (int[] range : ranges) {
                for (DotKernels k : new DotKernels[] {ScalarKernels.INSTANCE, vector}) {
                    check(k, bits, tiles, out, in, tile, x, range[0], range[1]);
                }
            }
        });
    }

    /** One input row (decode), then three (prefill: {@code bf16TileRows}). */
    private void check(
            DotKernels k, short[] bits, int[] tiles, int out, int in, int tile, float[] x, int from, int to) {
        String what = k.description() + ", " + out + "x" + in + " in tiles of " + tile + ", rows " + from + ".." + to;
        float[] y = nans(out);
        k.bf16Tiles(tiles, in, out, tile, x, y, from, to);
        verify(bits, in, out, x, 0, y, 0, from, to, what);
        int rows = 3;
        float[] xs = floats(rows * in);
        float[] ys = nans(rows * out);
        k.bf16TileRows(tiles, in, out, tile, xs, rows, ys, from, to);
        for (int r = 0; r < rows; r++) {
            verify(bits, in, out, xs, r * in, ys, r * out, from, to, what + ", input row " + r + " of " + rows);
        }
    }

    private static float[] nans(int n) {
        float[] y = new float[n];
        java.util.Arrays.fill(y, Float.NaN);
        return y;
    }

    /** {@code y[yo + o]} against float64 for {@code from <= o < to}, the rest of {@code y[yo .. yo + out)} untouched. */
    private static void verify(
            short[] bits, int in, int out, float[] x, int xo, float[] y, int yo, int from, int to, String what) {
        for (int o = 0; o < out; o++) {
            if (o < from || o >= to) {
                assertTrue(Float.isNaN(y[yo + o]), what + ": row " + o + " outside the range was written");
                continue;
            }
            double sum = 0;
            double magnitude = 0;
            for (int j = 0; j < in; j++) {
                double product = (double) Float.intBitsToFloat(bits[o * in + j] << 16) * x[xo + j];
                sum += product;
                magnitude += Math.abs(product);
            }
            assertTrue(
                    Math.abs(sum - y[yo + o]) <= TOLERANCE * magnitude,
                    what + ": row " + o + " is " + y[yo + o] + ", float64 " + sum + " (magnitude " + magnitude + ")");
        }
    }

    private short[] bits(int n) {
        short[] bits = new short[n];
        for (int i = 0; i < n; i++) {
            bits[i] = (short) (Float.floatToRawIntBits((float) random.nextGaussian()) >>> 16);
        }
        return bits;
    }

    private float[] floats(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian();
        }
        return a;
    }
}

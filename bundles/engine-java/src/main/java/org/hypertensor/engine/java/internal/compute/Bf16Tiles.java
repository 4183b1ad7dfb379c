package org.hypertensor.engine.java.internal.compute;

/**
 * The output-tiled bfloat16 layout the kernels read ({@link DotKernels#bf16Tiles}): rows {@code [out, in]}
 * in tiles of {@code tile} rows (the last one holds what is left, {@code out % tile} rows); in a tile of
 * {@code height} rows, for each column pair {@code (2p, 2p + 1)}, one int per row holding {@code w[r][2p]} in its
 * low half and {@code w[r][2p + 1]} in its high half, at {@code p * height + r}. One vector load then gives a
 * column pair of consecutive rows, the even values by a shift and the odd ones by a mask; the accumulators are the
 * outputs themselves (no horizontal sums, no reordered input), and each tile is one contiguous run of memory.
 * The same bytes as the row-major bits, but for an odd {@code in}, whose last column is padded with zeros.
 */
public final class Bf16Tiles {

    private Bf16Tiles() {}

    /** Column pairs per row: {@code in / 2} rounded up. */
    public static int pairs(int in) {
        return (in + 1) / 2;
    }

    /** Where row {@code o}'s first pair is; its pair {@code p} is {@link #height} ints further per pair. */
    static int start(int o, int in, int tile) {
        int first = o - o % tile;
        return first * pairs(in) + o % tile;
    }

    /** The rows of the tile holding row {@code o}. */
    static int height(int o, int out, int tile) {
        return Math.min(tile, out - (o - o % tile));
    }

    /** Row-major bfloat16 {@code bits [out, in]} in the tiled layout. */
    public static int[] pack(short[] bits, int out, int in, int tile) {
        int pairs = pairs(in);
        int[] packed = new int[Math.multiplyExact(out, pairs)];
        for (int o = 0; o < out; o++) {
            int at = start(o, in, tile);
            int height = height(o, out, tile);
            int row = o * in;
            for (int p = 0; p < pairs; p++) {
                int even = bits[row + 2 * p] & 0xffff;
                int odd = 2 * p + 1 < in ? bits[row + 2 * p + 1] << 16 : 0;
                packed[at + p * height] = even | odd;
            }
        }
        return packed;
    }

    /** Row {@code o} of a tiled matrix as floats into {@code buffer[0 .. in)}. */
    public static void row(int[] packed, int in, int out, int tile, int o, float[] buffer) {
        int at = start(o, in, tile);
        int height = height(o, out, tile);
        for (int p = 0; p < in / 2; p++) {
            int v = packed[at + p * height];
            buffer[2 * p] = Float.intBitsToFloat(v << 16);
            buffer[2 * p + 1] = Float.intBitsToFloat(v & 0xffff0000);
        }
        if (in % 2 != 0) {
            buffer[in - 1] = Float.intBitsToFloat(packed[at + (in / 2) * height] << 16);
        }
    }
}

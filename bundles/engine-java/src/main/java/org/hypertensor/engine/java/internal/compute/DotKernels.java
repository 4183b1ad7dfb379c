package org.hypertensor.engine.java.internal.compute;

/**
 * The dot products a decode step spends its time in, on weights {@code [out, in]} held row-major as float32,
 * IEEE half bits or int8 (sums returned unscaled: the caller applies the row's scale), or as bfloat16 bits in the
 * output-tiled {@link Bf16Tiles} layout. The {@code dot4} forms take four consecutive weight rows starting at
 * {@code wo} and share each load of {@code x} among them. Two implementations: {@link ScalarKernels} (plain Java)
 * and the Vector API's, chosen once by {@link KernelChoice}; they differ only in summation order.
 */
public interface DotKernels {

    /** What operators see, e.g. {@code scalar} or {@code vector, 512-bit (16 floats)}. */
    String description();

    /** {@code sum a[ao + i] * b[bo + i]} for {@code i < n}. */
    float dot(float[] a, int ao, float[] b, int bo, int n);

    /** {@code y[yo + i] += a * x[xo + i]} for {@code i < n}: attention's weighted sum of the cached values. */
    void axpy(float a, float[] x, int xo, float[] y, int yo, int n);

    /** {@code y[yo + r] = w row r . x[xo ..]} for the four float rows at {@code wo, wo + n, ..}. */
    void dot4(float[] w, int wo, int n, float[] x, int xo, float[] y, int yo);

    /** The tile height of the {@link Bf16Tiles} layout these kernels read fastest. */
    int bf16Tile();

    /**
     * The tiles {@link #bf16Tiles} takes in one pass (several memory streams at once): a block of a parallel
     * product should hold this many tiles, or its last tiles are read a stream at a time.
     */
    int bf16TilesPerPass();

    /**
     * {@code y[o] = w row o . x[0 .. in)} for {@code from <= o < to} (decode), {@code w} in the {@link Bf16Tiles}
     * layout of {@code tile} rows and {@code x} as it is: a tile only partly inside the range is computed whole and
     * written only inside it.
     */
    void bf16Tiles(int[] w, int in, int out, int tile, float[] x, float[] y, int from, int to);

    /**
     * {@link #bf16Tiles} for {@code rows} input rows {@code x[r]} into {@code y[r]} (rows of {@code out}), a tile
     * times every input row before the next tile (prefill: the tile is read from memory once, then from L1).
     */
    void bf16TileRows(int[] w, int in, int out, int tile, float[] x, int rows, float[] y, int from, int to);

    /** IEEE half row at {@code wo} times {@code x[0 .. n)}. */
    float dotF16(short[] w, int wo, float[] x, int n);

    /** Four IEEE half rows times {@code x[0 .. n)} into {@code y[yo .. yo + 3]}. */
    void dot4F16(short[] w, int wo, int n, float[] x, float[] y, int yo);

    /** int8 row at {@code wo} times {@code x[0 .. n)}, unscaled. */
    float dotInt8(byte[] q, int wo, float[] x, int n);

    /**
     * Four int8 rows, at {@code wo + j * stride}, times {@code x[0 .. n)} into {@code y[yo + j * ystride]}, unscaled.
     * Rows a block apart rather than adjacent are four memory streams at once, which one core reads faster.
     */
    void dot4Int8(byte[] q, int wo, int stride, int n, float[] x, float[] y, int yo, int ystride);

    /**
     * The prefill kernel: {@code y[r][o] = x[r] . w[o]} for input rows {@code r < rows} (a multiple of four, taken
     * four at a time so each weight load serves four rows) and outputs {@code from <= o < to}.
     */
    void fourRows(float[] x, int rows, float[] w, int in, int out, float[] y, int from, int to);
}

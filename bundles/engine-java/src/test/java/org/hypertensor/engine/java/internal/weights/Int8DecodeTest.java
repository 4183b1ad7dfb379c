package org.hypertensor.engine.java.internal.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.hypertensor.engine.java.internal.compute.DotKernels;
import org.hypertensor.engine.java.internal.compute.KernelChoice;
import org.junit.jupiter.api.Test;

/**
 * The int8 decode reads four rows a quarter of the range apart per pass: every row of any range, whatever its
 * length modulo 4, equals the dequantized row times the input, and outputs outside the range are left alone.
 */
class Int8DecodeTest {
    private final Random random = new Random(17);

    @Test
    void everyRowOfEveryRangeOnBothKernels() {
        for (KernelChoice.Mode mode : KernelChoice.Mode.values()) {
            DotKernels k = KernelChoice.choose(mode);
            for (int out : new int[] {1, 3, 4, 5, 17, 64, 70, 130}) {
                for (int in : new int[] {1, 7, 33, 100}) {
                    check(k, out, in);
                }
            }
        }
    }

    private void check(DotKernels k, int out, int in) {
        float[] w = new float[out * in];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
        }
        Matrix.Int8 m = Matrix.Int8.quantize(out, in, w);
        assertTrue(m.decodeBlock(k) >= 4, "a decode block holds four streams");
        float[] x = new float[in];
        for (int i = 0; i < in; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] row = new float[in];
        for (int[] range : new int[][] {{0, out}, {out / 3, out}, {0, out - out / 4}, {out / 2, out / 2 + 1}}) {
            float[] y = new float[out];
            Arrays.fill(y, Float.NaN);
            m.decode(k, x, y, range[0], range[1]);
            for (int o = 0; o < out; o++) {
                if (o < range[0] || o >= range[1]) {
                    assertTrue(Float.isNaN(y[o]), "output " + o + " outside " + Arrays.toString(range) + " written");
                    continue;
                }
                m.row(o, row);
                double expected = 0;
                double magnitude = 0;
                for (int i = 0; i < in; i++) {
                    expected += (double) row[i] * x[i];
                    magnitude += Math.abs((double) row[i] * x[i]);
                }
                assertEquals(
                        expected,
                        y[o],
                        1e-5 * magnitude + 1e-6,
                        k.description() + " out " + out + " in " + in + " range " + Arrays.toString(range) + " row "
                                + o);
            }
        }
    }
}

package org.hypertensor.engine.java.internal.blocks;

import static org.hypertensor.plugin.api.engine.TensorNames.DOWN;
import static org.hypertensor.plugin.api.engine.TensorNames.GATE;
import static org.hypertensor.plugin.api.engine.TensorNames.INPUT_NORM;
import static org.hypertensor.plugin.api.engine.TensorNames.K;
import static org.hypertensor.plugin.api.engine.TensorNames.K_BIAS;
import static org.hypertensor.plugin.api.engine.TensorNames.O;
import static org.hypertensor.plugin.api.engine.TensorNames.O_BIAS;
import static org.hypertensor.plugin.api.engine.TensorNames.POST_NORM;
import static org.hypertensor.plugin.api.engine.TensorNames.Q;
import static org.hypertensor.plugin.api.engine.TensorNames.Q_BIAS;
import static org.hypertensor.plugin.api.engine.TensorNames.UP;
import static org.hypertensor.plugin.api.engine.TensorNames.V;
import static org.hypertensor.plugin.api.engine.TensorNames.V_BIAS;

import java.util.Map;
import org.hypertensor.engine.java.internal.weights.Matrix;
import org.hypertensor.engine.java.internal.weights.WeightFormat;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * One decoder block's weights, copied onto the heap, shapes checked: the linear weights ({@code [out, in]})
 * in the engine's {@link WeightFormat}, norms and biases as floats (null where the config has no bias).
 */
record BlockWeights(
        float[] inputNorm,
        Matrix q,
        Matrix k,
        Matrix v,
        Matrix o,
        float[] postNorm,
        Matrix gate,
        Matrix up,
        Matrix down,
        float[] qBias,
        float[] kBias,
        float[] vBias,
        float[] oBias) {

    /** Block {@code block}'s weights in {@code format}, bfloat16 in tiles of {@code bf16Tile} rows. */
    static BlockWeights read(WeightSource weights, ModelConfig c, int block, WeightFormat format, int bf16Tile) {
        Map<String, int[]> shapes = TensorNames.blockShapes(c);
        return new BlockWeights(
                get(weights, block, shapes, INPUT_NORM),
                matrix(weights, block, shapes, Q, format, bf16Tile),
                matrix(weights, block, shapes, K, format, bf16Tile),
                matrix(weights, block, shapes, V, format, bf16Tile),
                matrix(weights, block, shapes, O, format, bf16Tile),
                get(weights, block, shapes, POST_NORM),
                matrix(weights, block, shapes, GATE, format, bf16Tile),
                matrix(weights, block, shapes, UP, format, bf16Tile),
                matrix(weights, block, shapes, DOWN, format, bf16Tile),
                get(weights, block, shapes, Q_BIAS),
                get(weights, block, shapes, K_BIAS),
                get(weights, block, shapes, V_BIAS),
                get(weights, block, shapes, O_BIAS));
    }

    /** Bytes the block's values take. */
    long bytes() {
        long bytes = 0;
        for (Matrix m : new Matrix[] {q, k, v, o, gate, up, down}) {
            bytes += m.bytes();
        }
        for (float[] f : new float[][] {inputNorm, postNorm, qBias, kBias, vBias, oBias}) {
            bytes += f == null ? 0 : 4L * f.length;
        }
        return bytes;
    }

    private static Matrix matrix(
            WeightSource weights,
            int block,
            Map<String, int[]> shapes,
            String name,
            WeightFormat format,
            int bf16Tile) {
        int[] shape = shapes.get(name);
        return Matrix.read(weights, TensorNames.block(block, name), shape[0], shape[1], format, bf16Tile);
    }

    /** The tensor if the config has it, else null. */
    private static float[] get(WeightSource weights, int block, Map<String, int[]> shapes, String name) {
        int[] shape = shapes.get(name);
        return shape == null
                ? null
                : weights.tensor(TensorNames.block(block, name), shape).toArray();
    }
}

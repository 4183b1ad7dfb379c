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
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * One decoder block's weights, copied onto the heap ({@code [out, in]} row-major), shapes checked; the
 * biases are null where the config has none.
 */
record BlockWeights(
        float[] inputNorm,
        float[] q,
        float[] k,
        float[] v,
        float[] o,
        float[] postNorm,
        float[] gate,
        float[] up,
        float[] down,
        float[] qBias,
        float[] kBias,
        float[] vBias,
        float[] oBias) {

    static BlockWeights read(WeightSource weights, ModelConfig c, int block) {
        Map<String, int[]> shapes = TensorNames.blockShapes(c);
        return new BlockWeights(
                get(weights, block, shapes, INPUT_NORM),
                get(weights, block, shapes, Q),
                get(weights, block, shapes, K),
                get(weights, block, shapes, V),
                get(weights, block, shapes, O),
                get(weights, block, shapes, POST_NORM),
                get(weights, block, shapes, GATE),
                get(weights, block, shapes, UP),
                get(weights, block, shapes, DOWN),
                get(weights, block, shapes, Q_BIAS),
                get(weights, block, shapes, K_BIAS),
                get(weights, block, shapes, V_BIAS),
                get(weights, block, shapes, O_BIAS));
    }

    /** The tensor if the config has it, else null. */
    private static float[] get(WeightSource weights, int block, Map<String, int[]> shapes, String name) {
        int[] shape = shapes.get(name);
        return shape == null
                ? null
                : weights.tensor(TensorNames.block(block, name), shape).toArray();
    }
}

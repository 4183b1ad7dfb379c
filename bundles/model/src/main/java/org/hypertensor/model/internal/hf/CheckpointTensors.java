package org.hypertensor.model.internal.hf;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.TensorNames;

/**
 * Checks a checkpoint's tensors against its config before it is imported: every tensor the config needs is
 * there with its shape, and no tensor is left unused (an unknown tensor means a feature the engines would
 * silently ignore), except rotary tables some checkpoints store, which are recomputed anyway.
 */
public final class CheckpointTensors {

    private static final Pattern ROTARY_TABLE =
            Pattern.compile("model\\.layers\\.\\d+\\.self_attn\\.rotary_emb\\.inv_freq");

    private CheckpointTensors() {}

    /** The expected tensors of {@code c} with their shapes; the LM head only if it is not tied. */
    public static Map<String, int[]> expected(ModelConfig c) {
        Map<String, int[]> out = new TreeMap<>();
        out.put(TensorNames.EMBEDDINGS, new int[] {c.vocabSize(), c.hiddenSize()});
        out.put(TensorNames.FINAL_NORM, new int[] {c.hiddenSize()});
        if (!c.tiedEmbeddings()) {
            out.put(TensorNames.LM_HEAD, new int[] {c.vocabSize(), c.hiddenSize()});
        }
        Map<String, int[]> block = TensorNames.blockShapes(c);
        for (int i = 0; i < c.numLayers(); i++) {
            for (Map.Entry<String, int[]> e : block.entrySet()) {
                out.put(TensorNames.block(i, e.getKey()), e.getValue());
            }
        }
        return out;
    }

    /** An {@link IllegalArgumentException} naming the first tensor that is missing, misshapen or not used. */
    public static void check(ModelConfig c, Map<String, int[]> stored) {
        Map<String, int[]> expected = expected(c);
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            int[] shape = stored.get(e.getKey());
            if (shape == null) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " is missing"
                        + (e.getKey().equals(TensorNames.LM_HEAD) ? " (tie_word_embeddings is false)" : ""));
            }
            if (!Arrays.equals(shape, e.getValue())) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " has shape " + Arrays.toString(shape)
                        + ", the config needs " + Arrays.toString(e.getValue()));
            }
        }
        for (String name : new TreeMap<>(stored).keySet()) {
            boolean tiedHead = c.tiedEmbeddings() && name.equals(TensorNames.LM_HEAD);
            if (!expected.containsKey(name)
                    && !tiedHead
                    && !ROTARY_TABLE.matcher(name).matches()) {
                throw new IllegalArgumentException("tensor " + name + " is not used by the engines (a feature the"
                        + " config does not declare, or one that is not supported)");
            }
        }
    }
}

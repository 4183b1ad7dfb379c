package org.hypertensor.plugin.api.engine;

/**
 * The names of a llama-style model's tensors in its weight files (the Hugging Face convention).
 * Linear weights are stored {@code [out, in]}.
 */
public final class TensorNames {

    public static final String EMBEDDINGS = "model.embed_tokens.weight";
    public static final String FINAL_NORM = "model.norm.weight";
    public static final String LM_HEAD = "lm_head.weight";

    public static final String INPUT_NORM = "input_layernorm.weight";
    public static final String Q = "self_attn.q_proj.weight";
    public static final String K = "self_attn.k_proj.weight";
    public static final String V = "self_attn.v_proj.weight";
    public static final String O = "self_attn.o_proj.weight";
    public static final String POST_NORM = "post_attention_layernorm.weight";
    public static final String GATE = "mlp.gate_proj.weight";
    public static final String UP = "mlp.up_proj.weight";
    public static final String DOWN = "mlp.down_proj.weight";

    /** Attention biases (Qwen2 has q/k/v biases; Llama's {@code attention_bias} adds the output's too). */
    public static final String Q_BIAS = "self_attn.q_proj.bias";

    public static final String K_BIAS = "self_attn.k_proj.bias";
    public static final String V_BIAS = "self_attn.v_proj.bias";
    public static final String O_BIAS = "self_attn.o_proj.bias";

    private TensorNames() {}

    /**
     * The tensors of one block of {@code c} (names within the block) with their shapes, in a fixed order:
     * the nine weights, then the biases the config has.
     */
    public static java.util.Map<String, int[]> blockShapes(ModelConfig c) {
        int h = c.hiddenSize();
        int q = c.qDim();
        int kv = c.kvDim();
        int m = c.intermediateSize();
        java.util.Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
        shapes.put(INPUT_NORM, new int[] {h});
        shapes.put(Q, new int[] {q, h});
        shapes.put(K, new int[] {kv, h});
        shapes.put(V, new int[] {kv, h});
        shapes.put(O, new int[] {h, q});
        shapes.put(POST_NORM, new int[] {h});
        shapes.put(GATE, new int[] {m, h});
        shapes.put(UP, new int[] {m, h});
        shapes.put(DOWN, new int[] {h, m});
        if (c.qkvBias()) {
            shapes.put(Q_BIAS, new int[] {q});
            shapes.put(K_BIAS, new int[] {kv});
            shapes.put(V_BIAS, new int[] {kv});
        }
        if (c.outputBias()) {
            shapes.put(O_BIAS, new int[] {h});
        }
        return shapes;
    }

    /** The full name of a block's tensor, e.g. {@code block(3, Q)}. */
    public static String block(int index, String tensor) {
        return "model.layers." + index + "." + tensor;
    }
}

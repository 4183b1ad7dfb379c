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

    private TensorNames() {}

    /** The full name of a block's tensor, e.g. {@code block(3, Q)}. */
    public static String block(int index, String tensor) {
        return "model.layers." + index + "." + tensor;
    }
}

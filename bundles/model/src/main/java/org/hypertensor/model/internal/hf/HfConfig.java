package org.hypertensor.model.internal.hf;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hypertensor.model.internal.json.Json;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.RopeScaling;

/**
 * A Hugging Face {@code config.json} of the Llama family (model types {@code llama}, {@code mistral},
 * {@code qwen2}) as a {@link ModelConfig}. Every key is either {@link #READ read} (it shapes the computation),
 * {@link #IGNORED ignored} (it cannot change the outputs: training settings, token ids, bookkeeping) or refused
 * with a message naming it, so a checkpoint the engines would compute differently from Hugging Face is never
 * imported silently.
 */
public final class HfConfig {

    /** Keys that shape the model; values the engines do not implement are refused by name. */
    public static final Set<String> READ = Set.of(
            "model_type",
            "vocab_size",
            "hidden_size",
            "num_hidden_layers",
            "num_attention_heads",
            "num_key_value_heads",
            "intermediate_size",
            "rms_norm_eps",
            "rope_theta",
            "max_position_embeddings",
            "head_dim",
            "rope_scaling",
            "attention_bias",
            "mlp_bias",
            "hidden_act",
            "tie_word_embeddings",
            "sliding_window",
            "use_sliding_window",
            "max_window_layers",
            "layer_types",
            "pretraining_tp");

    /** Keys that cannot change what the model computes at inference. */
    public static final Set<String> IGNORED = Set.of(
            "architectures",
            "_name_or_path",
            "torch_dtype",
            "dtype",
            "transformers_version",
            "bos_token_id",
            "eos_token_id",
            "pad_token_id",
            "use_cache",
            "initializer_range",
            "attention_dropout",
            "output_attentions",
            "output_hidden_states",
            "return_dict",
            "use_return_dict");

    /** The model types of the family. */
    public static final List<String> MODEL_TYPES = List.of("llama", "mistral", "qwen2");

    private HfConfig() {}

    /** The config, or an {@link IllegalArgumentException} naming the key that is missing, malformed or refused. */
    public static ModelConfig parse(Map<String, Object> hf) {
        for (String key : hf.keySet()) {
            if (!READ.contains(key) && !IGNORED.contains(key)) {
                throw new IllegalArgumentException(
                        "key '" + key + "' is not supported by the engines (refused rather than ignored)");
            }
        }
        String type = String.valueOf(hf.getOrDefault("model_type", "llama"));
        if (!MODEL_TYPES.contains(type)) {
            throw new IllegalArgumentException("model_type " + type + " is not a llama-style decoder (supported: "
                    + String.join(", ", MODEL_TYPES) + ")");
        }
        boolean qwen2 = type.equals("qwen2");
        String act = String.valueOf(hf.getOrDefault("hidden_act", "silu"));
        if (!act.equals("silu")) {
            throw new IllegalArgumentException("hidden_act '" + act + "' is not supported (only silu)");
        }
        if (flag(hf, "mlp_bias")) {
            throw new IllegalArgumentException("mlp_bias true is not supported (the MLP has no biases)");
        }
        if (flag(hf, "use_sliding_window")) {
            throw new IllegalArgumentException(
                    "use_sliding_window true is not supported (Qwen2 sliding-window" + " layers are not implemented)");
        }
        if (hf.get("layer_types") instanceof List<?> layers) {
            for (Object layer : layers) {
                if (!"full_attention".equals(layer)) {
                    throw new IllegalArgumentException(
                            "layer_types '" + layer + "' is not supported (only" + " full_attention)");
                }
            }
        }
        int heads = Json.intField(hf, "num_attention_heads");
        int hidden = Json.intField(hf, "hidden_size");
        // Qwen2 always has q/k/v biases; Llama's attention_bias adds them to the output projection too
        boolean attentionBias = flag(hf, "attention_bias");
        int slidingWindow = 0;
        if (!qwen2 && hf.get("sliding_window") != null) {
            slidingWindow = Json.intField(hf, "sliding_window");
        }
        return new ModelConfig(
                Json.intField(hf, "vocab_size"),
                hidden,
                Json.intField(hf, "num_hidden_layers"),
                heads,
                hf.get("num_key_value_heads") != null ? Json.intField(hf, "num_key_value_heads") : heads,
                Json.intField(hf, "intermediate_size"),
                Json.number(hf, "rms_norm_eps"),
                hf.get("rope_theta") != null ? Json.number(hf, "rope_theta") : 10000.0,
                Json.intField(hf, "max_position_embeddings"),
                hf.get("head_dim") != null ? Json.intField(hf, "head_dim") : hidden / heads,
                ropeScaling(hf.get("rope_scaling")),
                qwen2 || attentionBias,
                !qwen2 && attentionBias,
                flag(hf, "tie_word_embeddings"),
                slidingWindow);
    }

    private static boolean flag(Map<String, Object> hf, String key) {
        Object v = hf.get(key);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("'" + key + "' must be true or false, got " + v);
        }
        return b;
    }

    private static final Set<String> SCALING_KEYS = Set.of(
            "type", "rope_type", "factor", "low_freq_factor", "high_freq_factor", "original_max_position_embeddings");

    static RopeScaling ropeScaling(Object value) {
        if (value == null) {
            return RopeScaling.NONE;
        }
        Map<String, Object> s = Json.object(value, "'rope_scaling'");
        for (String key : s.keySet()) {
            if (!SCALING_KEYS.contains(key)) {
                throw new IllegalArgumentException("rope_scaling key '" + key + "' is not supported");
            }
        }
        Object type = s.get("rope_type") != null ? s.get("rope_type") : s.get("type");
        if ("default".equals(type)) {
            return RopeScaling.NONE;
        }
        if (RopeScaling.LINEAR.equals(type)) {
            return RopeScaling.linear(Json.number(s, "factor"));
        }
        if (RopeScaling.LLAMA3.equals(type)) {
            return RopeScaling.llama3(
                    Json.number(s, "factor"),
                    Json.number(s, "low_freq_factor"),
                    Json.number(s, "high_freq_factor"),
                    Json.intField(s, "original_max_position_embeddings"));
        }
        throw new IllegalArgumentException(
                "rope_scaling type '" + type + "' is not supported (supported: linear, llama3)");
    }
}

package org.hypertensor.engine.java.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a small Hugging Face checkpoint directory the way {@code save_pretrained} does: {@code config.json}
 * with the family's exact keys, BF16 or F16 {@code safetensors} shards with the HF tensor names, and
 * {@code model.safetensors.index.json} when sharded. Written here, independently of the node's model code,
 * so an import test checks the node against the format rather than against itself.
 */
public final class HfCheckpoint {

    /** The checkpoint: its config.json keys, dtype ({@code BF16} or {@code F16}) and shard count. */
    public record Spec(Map<String, Object> config, String dtype, int shards, long seed) {}

    private HfCheckpoint() {}

    /** A config.json for {@code modelType} with the shape shared by the tests' checkpoints. */
    public static Map<String, Object> config(String modelType, int vocab, int hidden, int heads, int kvHeads) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put(
                "architectures",
                List.of(
                        modelType.equals("qwen2")
                                ? "Qwen2ForCausalLM"
                                : modelType.equals("mistral") ? "MistralForCausalLM" : "LlamaForCausalLM"));
        c.put("model_type", modelType);
        c.put("vocab_size", vocab);
        c.put("hidden_size", hidden);
        c.put("intermediate_size", 3 * hidden);
        c.put("num_hidden_layers", 2);
        c.put("num_attention_heads", heads);
        c.put("num_key_value_heads", kvHeads);
        c.put("hidden_act", "silu");
        c.put("max_position_embeddings", 64);
        c.put("rms_norm_eps", 1e-5);
        c.put("rope_theta", 100.0);
        c.put("initializer_range", 0.02);
        c.put("use_cache", true);
        c.put("bos_token_id", 1);
        c.put("eos_token_id", 2);
        c.put("torch_dtype", "bfloat16");
        c.put("transformers_version", "4.46.0");
        c.put("tie_word_embeddings", false);
        return c;
    }

    /** Writes the checkpoint into {@code dir}; the tensors follow from the config's keys. */
    public static void write(Path dir, Spec spec) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> c = spec.config();
        Files.writeString(dir.resolve("config.json"), json(c), StandardCharsets.UTF_8);
        Map<String, int[]> tensors = tensors(c);
        List<String> names = new ArrayList<>(tensors.keySet());
        int perShard = (names.size() + spec.shards() - 1) / spec.shards();
        Map<String, String> weightMap = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(spec.seed());
        for (int s = 0; s < spec.shards(); s++) {
            String file = spec.shards() == 1
                    ? "model.safetensors"
                    : String.format("model-%05d-of-%05d.safetensors", s + 1, spec.shards());
            Map<String, int[]> shard = new LinkedHashMap<>();
            for (String name : names.subList(s * perShard, Math.min(names.size(), (s + 1) * perShard))) {
                shard.put(name, tensors.get(name));
                weightMap.put(name, file);
            }
            writeShard(dir.resolve(file), shard, spec.dtype(), random);
        }
        if (spec.shards() > 1) {
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("metadata", Map.of("total_size", 0));
            index.put("weight_map", weightMap);
            Files.writeString(dir.resolve("model.safetensors.index.json"), json(index), StandardCharsets.UTF_8);
        }
    }

    /** HF's tensor names and shapes for the config (biases per family, lm_head unless tied). */
    static Map<String, int[]> tensors(Map<String, Object> c) {
        int vocab = (Integer) c.get("vocab_size");
        int hidden = (Integer) c.get("hidden_size");
        int heads = (Integer) c.get("num_attention_heads");
        int kvHeads = (Integer) c.get("num_key_value_heads");
        int inter = (Integer) c.get("intermediate_size");
        int d = c.containsKey("head_dim") ? (Integer) c.get("head_dim") : hidden / heads;
        boolean qwen2 = "qwen2".equals(c.get("model_type"));
        boolean bias = Boolean.TRUE.equals(c.get("attention_bias"));
        Map<String, int[]> t = new LinkedHashMap<>();
        t.put("model.embed_tokens.weight", new int[] {vocab, hidden});
        for (int l = 0; l < (Integer) c.get("num_hidden_layers"); l++) {
            String p = "model.layers." + l + ".";
            t.put(p + "input_layernorm.weight", new int[] {hidden});
            t.put(p + "self_attn.q_proj.weight", new int[] {heads * d, hidden});
            t.put(p + "self_attn.k_proj.weight", new int[] {kvHeads * d, hidden});
            t.put(p + "self_attn.v_proj.weight", new int[] {kvHeads * d, hidden});
            t.put(p + "self_attn.o_proj.weight", new int[] {hidden, heads * d});
            if (qwen2 || bias) {
                t.put(p + "self_attn.q_proj.bias", new int[] {heads * d});
                t.put(p + "self_attn.k_proj.bias", new int[] {kvHeads * d});
                t.put(p + "self_attn.v_proj.bias", new int[] {kvHeads * d});
            }
            if (bias && !qwen2) {
                t.put(p + "self_attn.o_proj.bias", new int[] {hidden});
            }
            t.put(p + "post_attention_layernorm.weight", new int[] {hidden});
            t.put(p + "mlp.gate_proj.weight", new int[] {inter, hidden});
            t.put(p + "mlp.up_proj.weight", new int[] {inter, hidden});
            t.put(p + "mlp.down_proj.weight", new int[] {hidden, inter});
        }
        t.put("model.norm.weight", new int[] {hidden});
        if (!Boolean.TRUE.equals(c.get("tie_word_embeddings"))) {
            t.put("lm_head.weight", new int[] {vocab, hidden});
        }
        return t;
    }

    private static void writeShard(Path file, Map<String, int[]> tensors, String dtype, SplittableRandom random)
            throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("__metadata__", Map.of("format", "pt"));
        List<short[]> data = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, int[]> e : tensors.entrySet()) {
            int[] shape = e.getValue();
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            short[] values = new short[n];
            boolean norm = shape.length == 1 && e.getKey().endsWith("layernorm.weight")
                    || e.getKey().equals("model.norm.weight");
            double bound = e.getKey().contains("embed") ? 1.0 : shape.length == 1 ? 0.1 : Math.sqrt(3.0 / shape[1]);
            for (int i = 0; i < n; i++) {
                double v = (norm ? 1 : 0) + bound * (2 * random.nextDouble() - 1);
                values[i] = dtype.equals("BF16") ? bf16(v) : f16(v);
            }
            data.add(values);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype);
            entry.put("shape", shape);
            entry.put("data_offsets", new long[] {offset, offset + 2L * n});
            header.put(e.getKey(), entry);
            offset += 2L * n;
        }
        byte[] head = json(header).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + head.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(head.length).put(head);
        for (short[] values : data) {
            for (short v : values) {
                out.putShort(v);
            }
        }
        Files.write(file, out.array());
    }

    /** bfloat16 bits of {@code v}, rounded to nearest even. */
    static short bf16(double v) {
        int bits = Float.floatToIntBits((float) v);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** float16 bits of {@code v} rounded to a multiple of 2^-10 (exact in half precision for |v| < 2). */
    static short f16(double v) {
        float f = (float) (Math.rint(v * 1024) / 1024);
        if (f == 0) {
            return 0;
        }
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = (bits >>> 13) & 0x3ff;
        return (short) (sign | (exp << 10) | mantissa);
    }

    /** Minimal JSON for maps, lists, arrays, strings, numbers and booleans (enough for these files). */
    static String json(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(b.length() > 1 ? ", " : "")
                    .append(json(String.valueOf(k)))
                    .append(": ")
                    .append(json(x)));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            return "[" + String.join(", ", l.stream().map(HfCheckpoint::json).toList()) + "]";
        }
        if (v instanceof int[] a) {
            return json(java.util.Arrays.stream(a).boxed().toList());
        }
        if (v instanceof long[] a) {
            return json(java.util.Arrays.stream(a).boxed().toList());
        }
        if (v instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(v);
    }
}

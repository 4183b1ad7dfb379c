package org.hypertensor.model.internal.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.json.Json;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.RopeScaling;
import org.hypertensor.plugin.api.engine.WeightFile;

/** {@code manifest.json} to {@link ModelManifest} and back; the id is the SHA-256 of the file's bytes. */
public final class ManifestCodec {

    public static final int FORMAT = 1;

    private ManifestCodec() {}

    public static ModelManifest decode(byte[] bytes) {
        String id = Hashes.sha256(bytes);
        try {
            Map<String, Object> json =
                    Json.object(Json.parse(new String(bytes, StandardCharsets.UTF_8)), "the manifest");
            int format = Json.intField(json, "format");
            if (format != FORMAT) {
                throw new IllegalArgumentException("format " + format + " is not supported (expected " + FORMAT + ")");
            }
            Map<String, Object> c = Json.object(json.get("config"), "'config'");
            int heads = Json.intField(c, "num_heads");
            int hidden = Json.intField(c, "hidden_size");
            ModelConfig config = new ModelConfig(
                    Json.intField(c, "vocab_size"),
                    hidden,
                    Json.intField(c, "num_layers"),
                    heads,
                    Json.intField(c, "num_kv_heads"),
                    Json.intField(c, "intermediate_size"),
                    Json.number(c, "rms_norm_eps"),
                    Json.number(c, "rope_theta"),
                    Json.intField(c, "max_positions"),
                    c.containsKey("head_dim")
                            ? Json.intField(c, "head_dim")
                            : heads > 0 && hidden % heads == 0 ? hidden / heads : -1,
                    c.containsKey("rope_scaling")
                            ? ropeScaling(Json.object(c.get("rope_scaling"), "'rope_scaling'"))
                            : RopeScaling.NONE,
                    flag(c, "qkv_bias"),
                    flag(c, "output_bias"),
                    flag(c, "tied_embeddings"),
                    c.containsKey("sliding_window") ? Json.intField(c, "sliding_window") : 0);
            List<WeightFile> weights = new ArrayList<>();
            for (Object w : Json.array(json.get("weights"), "'weights'")) {
                Map<String, Object> file = Json.object(w, "a weight file");
                String path = Json.string(file, "path");
                if (path.contains("/") || path.contains("\\") || path.startsWith(".")) {
                    throw new IllegalArgumentException("weight path '" + path + "' must be a plain file name");
                }
                weights.add(new WeightFile(path, Json.string(file, "sha256")));
            }
            if (weights.isEmpty()) {
                throw new IllegalArgumentException("'weights' lists no file");
            }
            return new ModelManifest(
                    id,
                    Json.string(json, "name"),
                    Json.string(json, "architecture"),
                    DType.valueOf(Json.string(json, "dtype")),
                    config,
                    Json.string(json, "tokenizer"),
                    weights);
        } catch (IllegalArgumentException | EngineException e) {
            throw new ModelFormatException("invalid manifest.json: " + e.getMessage());
        }
    }

    private static void putIf(Map<String, Object> config, String key, boolean value) {
        if (value) {
            config.put(key, true);
        }
    }

    private static boolean flag(Map<String, Object> c, String key) {
        Object v = c.get(key);
        if (v != null && !(v instanceof Boolean)) {
            throw new IllegalArgumentException("'" + key + "' must be true or false");
        }
        return Boolean.TRUE.equals(v);
    }

    private static RopeScaling ropeScaling(Map<String, Object> s) {
        String type = Json.string(s, "type");
        if (type.equals(RopeScaling.LLAMA3)) {
            return RopeScaling.llama3(
                    Json.number(s, "factor"),
                    Json.number(s, "low_freq_factor"),
                    Json.number(s, "high_freq_factor"),
                    Json.intField(s, "original_max_positions"));
        }
        return new RopeScaling(type, Json.number(s, "factor"), 0, 0, 0);
    }

    /** The manifest's bytes; {@code extra} (e.g. how it was generated) is kept as given. */
    public static byte[] encode(ModelManifest m, Map<String, Object> extra) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("name", m.name());
        json.put("architecture", m.architecture());
        json.put("dtype", m.dtype().name());
        ModelConfig c = m.config();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("vocab_size", c.vocabSize());
        config.put("hidden_size", c.hiddenSize());
        config.put("num_layers", c.numLayers());
        config.put("num_heads", c.numHeads());
        config.put("num_kv_heads", c.numKvHeads());
        config.put("intermediate_size", c.intermediateSize());
        config.put("rms_norm_eps", c.rmsNormEps());
        config.put("rope_theta", c.ropeTheta());
        config.put("max_positions", c.maxPositions());
        // the variants are written only where they differ from a plain llama, so plain models keep their ids
        if (c.headDim() * c.numHeads() != c.hiddenSize()) {
            config.put("head_dim", c.headDim());
        }
        if (!c.ropeScaling().equals(RopeScaling.NONE)) {
            RopeScaling r = c.ropeScaling();
            Map<String, Object> scaling = new LinkedHashMap<>();
            scaling.put("type", r.type());
            scaling.put("factor", r.factor());
            if (r.type().equals(RopeScaling.LLAMA3)) {
                scaling.put("low_freq_factor", r.lowFreqFactor());
                scaling.put("high_freq_factor", r.highFreqFactor());
                scaling.put("original_max_positions", r.originalMaxPositions());
            }
            config.put("rope_scaling", scaling);
        }
        putIf(config, "qkv_bias", c.qkvBias());
        putIf(config, "output_bias", c.outputBias());
        putIf(config, "tied_embeddings", c.tiedEmbeddings());
        if (c.slidingWindow() > 0) {
            config.put("sliding_window", c.slidingWindow());
        }
        json.put("config", config);
        json.put("tokenizer", m.tokenizer());
        List<Object> weights = new ArrayList<>();
        for (WeightFile w : m.weights()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", w.path());
            file.put("sha256", w.sha256());
            weights.add(file);
        }
        json.put("weights", weights);
        json.putAll(extra);
        return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }
}

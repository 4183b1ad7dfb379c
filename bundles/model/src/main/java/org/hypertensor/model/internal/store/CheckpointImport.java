package org.hypertensor.model.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.json.Json;
import org.hypertensor.model.internal.safetensors.SafetensorsReader;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightFile;

/**
 * Writes {@code manifest.json} for a Hugging Face llama checkpoint directory ({@code config.json},
 * {@code *.safetensors}, optionally {@code tokenizer.json}): the shape from config.json, the SHA-256 of
 * every weight file, the dtype of its tensors. The weights are used as they are (HF's q/k layout is the
 * rotary layout the engines use).
 */
public final class CheckpointImport {

    private CheckpointImport() {}

    public static ModelManifest write(Path dir, String name, LoadProgress progress) {
        Path manifestFile = dir.resolve(ModelGenerator.MANIFEST);
        if (Files.exists(manifestFile)) {
            throw new ModelFormatException(dir + " already has a " + ModelGenerator.MANIFEST);
        }
        try {
            Map<String, Object> hf =
                    Json.object(Json.parse(Files.readString(dir.resolve("config.json"))), "config.json");
            String type = String.valueOf(hf.getOrDefault("model_type", "llama"));
            if (!type.equals("llama") && !type.equals("mistral")) {
                throw new ModelFormatException("config.json: model_type " + type + " is not a llama-style decoder");
            }
            int heads = Json.intField(hf, "num_attention_heads");
            ModelConfig config = new ModelConfig(
                    Json.intField(hf, "vocab_size"),
                    Json.intField(hf, "hidden_size"),
                    Json.intField(hf, "num_hidden_layers"),
                    heads,
                    hf.containsKey("num_key_value_heads") ? Json.intField(hf, "num_key_value_heads") : heads,
                    Json.intField(hf, "intermediate_size"),
                    Json.number(hf, "rms_norm_eps"),
                    hf.containsKey("rope_theta") ? Json.number(hf, "rope_theta") : 10000.0,
                    Json.intField(hf, "max_position_embeddings"));
            List<Path> files;
            try (Stream<Path> list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".safetensors"))
                        .sorted()
                        .toList();
            }
            if (files.isEmpty()) {
                throw new ModelFormatException("no .safetensors files in " + dir);
            }
            List<WeightFile> weights = new ArrayList<>();
            DType dtype = null;
            for (Path file : files) {
                try (SafetensorsReader reader = SafetensorsReader.open(file)) {
                    for (String tensor : reader.names()) {
                        if (tensor.equals(TensorNames.EMBEDDINGS) || dtype == null) {
                            dtype = reader.dtype(tensor);
                        }
                    }
                }
                weights.add(new WeightFile(String.valueOf(file.getFileName()), Hashes.sha256(file, progress)));
            }
            String tokenizer = Files.exists(dir.resolve("tokenizer.json")) ? "tokenizer.json" : "byte";
            ModelManifest draft = new ModelManifest("", name, "llama", dtype, config, tokenizer, weights);
            byte[] bytes = ManifestCodec.encode(draft, Map.of());
            Files.write(manifestFile, bytes);
            return ManifestCodec.decode(bytes);
        } catch (IOException e) {
            throw new ModelFormatException("cannot import " + dir + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | EngineException e) {
            throw new ModelFormatException("config.json: " + e.getMessage());
        }
    }
}

package org.hypertensor.model.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.chat.ChatSettings;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.hf.CheckpointTensors;
import org.hypertensor.model.internal.hf.HfConfig;
import org.hypertensor.model.internal.hf.ShardIndex;
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
 * rotary layout the engines use). The config's keys and the tensors are checked first ({@link HfConfig},
 * {@link CheckpointTensors}, {@link ShardIndex}): what the engines do not implement is refused by name.
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
            ModelConfig config;
            try {
                config = HfConfig.parse(hf);
            } catch (IllegalArgumentException | EngineException e) {
                throw new ModelFormatException("config.json: " + e.getMessage());
            }
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
            Map<String, int[]> shapes = new HashMap<>();
            Map<String, String> fileOf = new HashMap<>();
            Map<String, DType> dtypes = new HashMap<>();
            for (Path file : files) {
                try (SafetensorsReader reader = SafetensorsReader.open(file)) {
                    for (String tensor : reader.names()) {
                        dtypes.put(tensor, reader.dtype(tensor));
                        shapes.put(tensor, reader.shape(tensor));
                        fileOf.put(tensor, String.valueOf(file.getFileName()));
                    }
                }
            }
            CheckpointTensors.check(config, shapes);
            // one dtype for the model: engines keep 16-bit weights as the manifest's dtype says
            DType dtype = dtypes.get(TensorNames.EMBEDDINGS);
            for (String tensor :
                    new java.util.TreeSet<>(CheckpointTensors.expected(config).keySet())) {
                if (dtypes.get(tensor) != dtype) {
                    throw new IllegalArgumentException("tensor " + tensor + " is " + dtypes.get(tensor) + " but "
                            + TensorNames.EMBEDDINGS + " is " + dtype + " (mixed dtypes are not supported)");
                }
            }
            ShardIndex.check(dir, fileOf);
            for (Path file : files) {
                weights.add(new WeightFile(String.valueOf(file.getFileName()), Hashes.sha256(file, progress)));
            }
            String tokenizer = Files.exists(dir.resolve("tokenizer.json")) ? "tokenizer.json" : "byte";
            ChatSettings.read(dir); // a malformed tokenizer_config.json or generation_config.json is refused now
            ModelManifest draft = new ModelManifest("", name, "llama", dtype, config, tokenizer, weights);
            byte[] bytes = ManifestCodec.encode(draft, Map.of());
            Files.write(manifestFile, bytes);
            return ManifestCodec.decode(bytes);
        } catch (IOException e) {
            throw new ModelFormatException("cannot import " + dir + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | EngineException e) {
            throw new ModelFormatException("cannot import " + dir.getFileName() + ": " + e.getMessage());
        }
    }
}

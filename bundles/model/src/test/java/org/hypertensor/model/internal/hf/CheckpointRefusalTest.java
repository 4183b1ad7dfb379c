package org.hypertensor.model.internal.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.model.internal.safetensors.SafetensorsReader;
import org.hypertensor.model.internal.safetensors.SafetensorsWriter;
import org.hypertensor.model.internal.safetensors.SafetensorsWriter.TensorSpec;
import org.hypertensor.model.internal.store.CheckpointImport;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.RopeScaling;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every config key or tensor the engines do not implement is refused at import with its name in the
 * message, and nothing is written; the supported variants are read into the manifest.
 */
class CheckpointRefusalTest {

    @TempDir
    Path dir;

    private static final String BASE = "\"model_type\": \"llama\", \"vocab_size\": 258, \"hidden_size\": 64,"
            + " \"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"num_key_value_heads\": 2,"
            + " \"intermediate_size\": 160, \"rms_norm_eps\": 1e-05, \"rope_theta\": 10000.0,"
            + " \"max_position_embeddings\": 128";

    /** The tiny generated model's weights with this config.json. */
    private Path checkpoint(String name, String extraKeys) throws Exception {
        Path generated = dir.resolve("gen");
        if (!Files.exists(generated)) {
            ModelGenerator.generate(generated, "gen", ModelSize.TINY, 2, LoadProgress.NONE);
        }
        Path hf = Files.createDirectories(dir.resolve(name));
        Files.copy(generated.resolve("model.safetensors"), hf.resolve("model.safetensors"));
        String base = extraKeys.contains("\"model_type\"") ? BASE.replace("\"model_type\": \"llama\", ", "") : BASE;
        Files.writeString(hf.resolve("config.json"), "{" + base + extraKeys + "}");
        return hf;
    }

    private String refusal(String name, String extraKeys) throws Exception {
        Path hf = checkpoint(name, extraKeys);
        String message = assertThrows(
                        ModelFormatException.class, () -> CheckpointImport.write(hf, name, LoadProgress.NONE))
                .getMessage();
        assertTrue(!Files.exists(hf.resolve("manifest.json")), "nothing is written for " + name);
        return message;
    }

    @Test
    void unsupportedConfigKeysAreRefusedByName() throws Exception {
        assertEquals(
                "config.json: mlp_bias true is not supported (the MLP has no biases)",
                refusal("mlp", ", \"mlp_bias\": true"));
        assertEquals(
                "config.json: hidden_act 'gelu' is not supported (only silu)",
                refusal("act", ", \"hidden_act\": \"gelu\""));
        assertEquals(
                "config.json: rope_scaling type 'yarn' is not supported (supported: linear, llama3)",
                refusal("yarn", ", \"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0}"));
        assertEquals(
                "config.json: key 'quantization_config' is not supported by the engines (refused rather than ignored)",
                refusal("quant", ", \"quantization_config\": {\"bits\": 4}"));
        assertTrue(refusal("swa", ", \"model_type\": \"qwen2\", \"use_sliding_window\": true")
                .contains("use_sliding_window"));
        assertTrue(refusal("layers", ", \"layer_types\": [\"sliding_attention\", \"full_attention\"]")
                .contains("layer_types 'sliding_attention'"));
        assertTrue(refusal("phi", ", \"model_type\": \"phi3\"").contains("model_type phi3"));
        assertTrue(refusal("rs", ", \"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 8.0, \"extra\": 1}")
                .contains("rope_scaling key 'extra'"));
        assertTrue(refusal("hd", ", \"head_dim\": 15").contains("head_dim 15"));
    }

    @Test
    void missingOrUnusedTensorsAreRefusedByName() throws Exception {
        assertEquals(
                "cannot import bias: tensor model.layers.0.self_attn.k_proj.bias is missing",
                refusal("bias", ", \"attention_bias\": true"));
        assertEquals(
                "cannot import hd: tensor model.layers.0.self_attn.k_proj.weight has shape [32, 64], the config needs"
                        + " [16, 64]",
                refusal("hd", ", \"head_dim\": 8"));
        Path extra = checkpoint("extra", "");
        SafetensorsWriter.write(
                extra.resolve("model-extra.safetensors"),
                List.of(new TensorSpec("model.layers.0.mlp.gate_proj.bias", new int[] {160})),
                Map.of(),
                spec -> new float[160]);
        String message = assertThrows(
                        ModelFormatException.class, () -> CheckpointImport.write(extra, "x", LoadProgress.NONE))
                .getMessage();
        assertTrue(message.contains("tensor model.layers.0.mlp.gate_proj.bias is not used"), message);
        Path indexed = checkpoint("indexed", "");
        Files.writeString(
                indexed.resolve(ShardIndex.FILE),
                "{\"weight_map\": {\"model.embed_tokens.weight\": \"model-00002-of-00002.safetensors\"}}");
        message = assertThrows(
                        ModelFormatException.class, () -> CheckpointImport.write(indexed, "x", LoadProgress.NONE))
                .getMessage();
        assertTrue(message.contains("tensor model.embed_tokens.weight should be in model-00002-of-00002"), message);
    }

    @Test
    void mixedDtypesAreRefusedByName() throws Exception {
        Path hf = checkpoint("mixed", "");
        Path all = hf.resolve("model.safetensors");
        Path moved = dir.resolve("all.safetensors");
        Files.move(all, moved);
        try (SafetensorsReader reader = SafetensorsReader.open(moved)) {
            List<TensorSpec> embeddings =
                    List.of(new TensorSpec(TensorNames.EMBEDDINGS, reader.shape(TensorNames.EMBEDDINGS)));
            List<TensorSpec> rest = reader.names().stream()
                    .filter(n -> !n.equals(TensorNames.EMBEDDINGS))
                    .sorted()
                    .map(n -> new TensorSpec(n, reader.shape(n)))
                    .toList();
            SafetensorsWriter.TensorData values =
                    spec -> reader.tensor(spec.name()).toArray();
            SafetensorsWriter.write(
                    hf.resolve("model-00001-of-00002.safetensors"), embeddings, Map.of(), DType.BF16, values);
            SafetensorsWriter.write(hf.resolve("model-00002-of-00002.safetensors"), rest, Map.of(), DType.F32, values);
        }
        String message = assertThrows(
                        ModelFormatException.class, () -> CheckpointImport.write(hf, "x", LoadProgress.NONE))
                .getMessage();
        assertEquals(
                "cannot import mixed: tensor lm_head.weight is F32 but model.embed_tokens.weight is BF16 (mixed dtypes"
                        + " are not supported)",
                message);
    }

    @Test
    void supportedVariantsAreReadIntoTheManifest() throws Exception {
        Path hf = checkpoint(
                "llama3",
                ", \"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 32.0, \"low_freq_factor\": 1.0,"
                        + " \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 8192},"
                        + " \"tie_word_embeddings\": true, \"head_dim\": 16, \"architectures\": [\"LlamaForCausalLM\"],"
                        + " \"torch_dtype\": \"bfloat16\", \"pretraining_tp\": 1, \"mlp_bias\": false");
        // a tied checkpoint may still store lm_head.weight (the config decides; the tensor is unused)
        ModelManifest m = CheckpointImport.write(hf, "l3", LoadProgress.NONE);
        ModelConfig c = m.config();
        assertEquals(RopeScaling.llama3(32, 1, 4, 8192), c.ropeScaling());
        assertTrue(c.tiedEmbeddings());
        assertEquals(16, c.headDim());
        assertEquals(ModelSize.TINY.config().parameters() - 258L * 64, c.parameters());
        // the manifest keeps every variant
        assertEquals(
                c,
                org.hypertensor.model.internal.store.ManifestCodec.decode(
                                Files.readAllBytes(hf.resolve("manifest.json")))
                        .config());
    }
}

package org.hypertensor.model.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

    @TempDir
    Path dir;

    @Test
    void generatedModelsAreDeterministicAndOpenVerified() throws Exception {
        ModelManifest a = ModelGenerator.generate(dir.resolve("a"), "t", ModelSize.TINY, 7, LoadProgress.NONE);
        ModelManifest b = ModelGenerator.generate(dir.resolve("b"), "t", ModelSize.TINY, 7, LoadProgress.NONE);
        ModelManifest c = ModelGenerator.generate(dir.resolve("c"), "t", ModelSize.TINY, 8, LoadProgress.NONE);
        assertEquals(a.id(), b.id(), "same size and seed, same model id");
        // the same on every machine and JVM run: nodes compare model ids
        assertEquals("224b9937ba218d93d1a28eab243b5fd4dbb2dd6cbdd2b8d83ccd3f5f32a792f2", a.id());
        assertNotEquals(a.id(), c.id());
        assertEquals(Hashes.sha256(Files.readAllBytes(dir.resolve("a/manifest.json"))), a.id());
        try (Model m = ModelFiles.open(dir.resolve("a"), a.id(), LoadProgress.NONE)) {
            assertEquals(ModelSize.TINY.config(), m.manifest().config());
            assertArrayEquals(
                    new int[] {64, 64},
                    m.weights().tensor(TensorNames.block(1, TensorNames.Q)).shape());
            assertEquals(2 + 9 * 2 + 1, m.weights().names().size());
            assertEquals("hi", m.tokenizer().decode(m.tokenizer().encode("hi")));
        }
        assertTrue(ModelSize.M100.config().parameters() > 95_000_000L
                && ModelSize.M100.config().parameters() < 110_000_000L);
    }

    @Test
    void aWeightFileThatDoesNotMatchItsHashIsRefused() throws Exception {
        Path model = dir.resolve("m");
        ModelGenerator.generate(model, "m", ModelSize.TINY, 1, LoadProgress.NONE);
        try (FileChannel ch = FileChannel.open(model.resolve("model.safetensors"), StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), ch.size() - 3);
        }
        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> ModelFiles.open(model, null, LoadProgress.NONE));
        assertTrue(
                e.getMessage().startsWith("weight file model.safetensors does not match the manifest"), e.getMessage());
    }

    @Test
    void aManifestWithAnotherIdOrBadFieldsIsRefused() throws Exception {
        Path model = dir.resolve("m");
        ModelGenerator.generate(model, "m", ModelSize.TINY, 1, LoadProgress.NONE);
        ModelFormatException e = assertThrows(
                ModelFormatException.class, () -> ModelFiles.open(model, "ab".repeat(32), LoadProgress.NONE));
        assertTrue(e.getMessage().contains("expected abab"), e.getMessage());
        Path manifest = model.resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replace("\"num_heads\": 4", "\"num_heads\": 3"));
        e = assertThrows(ModelFormatException.class, () -> ModelFiles.open(model, null, LoadProgress.NONE));
        assertTrue(e.getMessage().startsWith("invalid manifest.json: heads must divide"), e.getMessage());
        Files.writeString(manifest, "{\"format\": 1");
        e = assertThrows(ModelFormatException.class, () -> ModelFiles.open(model, null, LoadProgress.NONE));
        assertTrue(e.getMessage().startsWith("invalid manifest.json"), e.getMessage());
        assertThrows(ModelFormatException.class, () -> ModelFiles.open(dir.resolve("none"), null, LoadProgress.NONE));
    }

    @Test
    void aHuggingFaceCheckpointDirectoryIsImported() throws Exception {
        Path generated = dir.resolve("gen");
        ModelManifest original = ModelGenerator.generate(generated, "gen", ModelSize.TINY, 2, LoadProgress.NONE);
        Path hf = Files.createDirectories(dir.resolve("hf"));
        Files.copy(generated.resolve("model.safetensors"), hf.resolve("model.safetensors"));
        var c = original.config();
        Files.writeString(
                hf.resolve("config.json"),
                "{\"model_type\": \"llama\", \"vocab_size\": " + c.vocabSize()
                        + ", \"hidden_size\": " + c.hiddenSize() + ", \"num_hidden_layers\": " + c.numLayers()
                        + ", \"num_attention_heads\": " + c.numHeads() + ", \"num_key_value_heads\": " + c.numKvHeads()
                        + ", \"intermediate_size\": " + c.intermediateSize()
                        + ", \"rms_norm_eps\": 1e-05, \"rope_theta\": 10000.0,"
                        + " \"max_position_embeddings\": " + c.maxPositions() + ", \"torch_dtype\": \"float32\"}");
        ModelStore store = new ModelStore(dir);
        String id = store.importCheckpoint(hf, "hf-tiny", LoadProgress.NONE);
        try (Model m = store.open(hf.toString(), LoadProgress.NONE)) {
            assertEquals(id, m.manifest().id());
            assertEquals(c, m.manifest().config());
            assertEquals(original.weights(), m.manifest().weights());
            assertEquals("byte", m.manifest().tokenizer());
        }
        ModelFormatException again =
                assertThrows(ModelFormatException.class, () -> store.importCheckpoint(hf, "x", LoadProgress.NONE));
        assertTrue(again.getMessage().endsWith("already has a manifest.json"), again.getMessage());
        Files.writeString(
                Files.createDirectories(dir.resolve("gpt")).resolve("config.json"), "{\"model_type\": \"gpt2\"}");
        assertEquals(
                "config.json: model_type gpt2 is not a llama-style decoder (supported: llama, mistral, qwen2)",
                assertThrows(
                                ModelFormatException.class,
                                () -> store.importCheckpoint(dir.resolve("gpt"), "g", LoadProgress.NONE))
                        .getMessage());
    }

    @Test
    void storeRefusesBadNamesAndSizes() {
        ModelStore store = new ModelStore(dir);
        assertThrows(ModelFormatException.class, () -> store.generate("../x", "tiny", 1, LoadProgress.NONE));
        ModelFormatException e =
                assertThrows(ModelFormatException.class, () -> store.generate("x", "huge", 1, LoadProgress.NONE));
        assertEquals("no model size 'huge' (sizes: tiny, small, 100m)", e.getMessage());
        store.generate("x", "tiny", 1, LoadProgress.NONE);
        assertEquals(List.of("x"), store.names());
        assertThrows(ModelFormatException.class, () -> store.generate("x", "tiny", 1, LoadProgress.NONE));
    }
}

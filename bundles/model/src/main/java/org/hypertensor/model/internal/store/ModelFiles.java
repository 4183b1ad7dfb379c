package org.hypertensor.model.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.Tokenizer;
import org.hypertensor.model.internal.chat.ChatSettings;
import org.hypertensor.model.internal.chat.ChatTokenizer;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.safetensors.SafetensorsReader;
import org.hypertensor.model.internal.tokenizer.ByteTokenizer;
import org.hypertensor.model.internal.tokenizer.HfTokenizer;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.WeightFile;

/** Opens a model directory: reads the manifest, checks every weight file's SHA-256, maps the weights. */
public final class ModelFiles {

    private ModelFiles() {}

    public static ModelManifest readManifest(Path dir) {
        Path file = dir.resolve(ModelGenerator.MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException("no model in " + dir + " (no " + ModelGenerator.MANIFEST + ")");
        }
        try {
            return ManifestCodec.decode(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ModelFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Opens and verifies the model; {@code expectedId}, when not null, must be the manifest's hash. */
    public static Model open(Path dir, String expectedId, LoadProgress progress) {
        ModelManifest manifest = readManifest(dir);
        if (expectedId != null && !expectedId.equals(manifest.id())) {
            throw new ModelFormatException(
                    "model " + dir.getFileName() + " has id " + manifest.shortId() + ", expected " + expectedId);
        }
        List<SafetensorsReader> readers = new ArrayList<>();
        try {
            for (WeightFile w : manifest.weights()) {
                Path file = dir.resolve(w.path());
                if (!Files.isRegularFile(file)) {
                    throw new ModelFormatException("weight file " + w.path() + " named in the manifest is missing");
                }
                String actual = Hashes.sha256(file, progress);
                if (!actual.equalsIgnoreCase(w.sha256())) {
                    throw new ModelFormatException("weight file " + w.path() + " does not match the manifest: SHA-256 "
                            + actual.substring(0, 12) + "… instead of "
                            + w.sha256().substring(0, Math.min(12, w.sha256().length())) + "…");
                }
                readers.add(SafetensorsReader.open(file));
            }
            return new OpenedModel(dir, manifest, new MultiFileWeights(readers), tokenizer(dir, manifest));
        } catch (IOException e) {
            readers.forEach(SafetensorsReader::close);
            throw new ModelFormatException("cannot read the weights in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            readers.forEach(SafetensorsReader::close);
            throw e;
        }
    }

    /** The model's tokenizer with its chat template and end tokens ({@link ChatSettings}), without reading its weights. */
    public static Tokenizer tokenizer(Path dir, ModelManifest manifest) {
        Tokenizer base = manifest.tokenizer().equals("byte")
                ? new ByteTokenizer()
                : HfTokenizer.load(dir.resolve(manifest.tokenizer()));
        return ChatTokenizer.wrap(base, ChatSettings.read(dir));
    }

    private record OpenedModel(Path directory, ModelManifest manifest, MultiFileWeights weights, Tokenizer tokenizer)
            implements Model {

        @Override
        public void close() {
            weights.close();
        }
    }
}

package org.hypertensor.model.api;

import java.nio.file.Path;
import java.util.List;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.osgi.annotation.versioning.ProviderType;

/** The node's models: directories under {@code data/models/}, or any path holding a model. */
@ProviderType
public interface ModelRepository {

    /** Where named models live ({@code data/models}). */
    Path root();

    /** The names of the models under {@link #root()}. */
    List<String> names();

    /** The sizes the generator knows, smallest first (e.g. {@code tiny}, {@code small}, {@code 100m}). */
    List<String> sizes();

    /**
     * Writes the deterministic model of {@code size} generated from {@code seed} to {@code root()/name}.
     *
     * @throws ModelFormatException for an unknown size, a bad name or an existing model
     */
    Path generate(String name, String size, long seed, LoadProgress progress);

    /**
     * Makes a Hugging Face llama checkpoint directory (config.json, *.safetensors, tokenizer.json) a model by
     * writing its {@code manifest.json}; returns the new model id.
     *
     * @throws ModelFormatException if config.json is missing or not llama-style, or the directory already has a manifest
     */
    String importCheckpoint(Path dir, String name, LoadProgress progress);

    /** The directory of a model name under {@link #root()}, or a path to a model directory. */
    Path resolve(String nameOrPath);

    /**
     * Reads a model's manifest without opening its weights (no hash check): for listing what a model is.
     *
     * @throws ModelFormatException if there is no such model or its manifest is corrupt
     * @since 1.1
     */
    ModelManifest manifest(String nameOrPath);

    /**
     * Opens a model, checking the SHA-256 of every weight file against the manifest.
     *
     * @throws ModelFormatException on a missing file, a corrupt manifest or header, or a hash mismatch
     */
    Model open(String nameOrPath, LoadProgress progress);
}

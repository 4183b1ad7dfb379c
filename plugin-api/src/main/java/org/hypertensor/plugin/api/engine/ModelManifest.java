package org.hypertensor.plugin.api.engine;

import java.util.List;

/**
 * What a model directory's {@code manifest.json} says.
 *
 * @param id the model id: lower-case hex SHA-256 of the manifest file's bytes
 * @param name a human name
 * @param architecture e.g. {@code llama}
 * @param dtype the dtype of the stored weights
 * @param config the decoder's shape
 * @param tokenizer {@code byte} (byte-level, for generated models) or a {@code tokenizer.json} file name
 * @param weights the weight files with their hashes
 */
public record ModelManifest(
        String id,
        String name,
        String architecture,
        DType dtype,
        ModelConfig config,
        String tokenizer,
        List<WeightFile> weights) {

    public ModelManifest {
        weights = List.copyOf(weights);
    }

    /** The id shortened for display. */
    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}

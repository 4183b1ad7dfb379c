package org.hypertensor.plugin.api.engine;

/**
 * A weight file of a model, relative to the model's directory, with the SHA-256 it must have.
 *
 * @param path file name relative to the model directory, e.g. {@code model.safetensors}
 * @param sha256 lower-case hex SHA-256 of the file
 */
public record WeightFile(String path, String sha256) {}

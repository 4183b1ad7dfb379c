package org.hypertensor.inference.api.generate;

import java.util.Objects;

/**
 * What to generate: the model, a prompt (already templated, for chat), how many new tokens at most and how
 * to sample them.
 */
public record CompletionRequest(String model, String prompt, int maxTokens, SamplingOptions sampling) {

    public CompletionRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampling, "sampling");
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        }
    }
}

package org.hypertensor.inference.api.generate;

import java.util.List;
import java.util.Objects;
import org.hypertensor.model.api.ChatMessage;

/**
 * What to generate: the model, a prompt or a chat, how many new tokens at most and how to sample them.
 *
 * @param prompt the text to continue (empty for a chat)
 * @param messages a chat's messages, rendered with the model's chat template where the model's tokenizer is
 *     ({@link Decoding#promptTokens(CompletionRequest, int)}); empty for a plain prompt (since 1.2)
 */
public record CompletionRequest(
        String model, String prompt, int maxTokens, SamplingOptions sampling, List<ChatMessage> messages) {

    public CompletionRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(sampling, "sampling");
        messages = List.copyOf(messages);
        if (maxTokens < 1) {
            throw new IllegalArgumentException("max tokens must be at least 1, got " + maxTokens);
        }
    }

    /** A plain prompt to continue. */
    public CompletionRequest(String model, String prompt, int maxTokens, SamplingOptions sampling) {
        this(model, prompt, maxTokens, sampling, List.of());
    }

    /** A chat: the answer of the assistant to {@code messages}. @since 1.2 */
    public static CompletionRequest chat(
            String model, List<ChatMessage> messages, int maxTokens, SamplingOptions sampling) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat needs at least one message");
        }
        return new CompletionRequest(model, "", maxTokens, sampling, messages);
    }

    /** Whether this is a chat. @since 1.2 */
    public boolean isChat() {
        return !messages.isEmpty();
    }
}

package org.hypertensor.openai.internal.request;

import java.util.List;
import org.hypertensor.model.api.ChatMessage;

/**
 * A validated generation request.
 *
 * @param endpoint which endpoint it came to
 * @param model the model id asked for
 * @param prompt the prompt of a completion (empty for a chat)
 * @param messages a chat's messages (empty for a completion), templated by the generator with the model's template
 * @param maxTokens the most new tokens, or null for the configured default
 * @param temperature 0 to 2; 0 is greedy
 * @param topP in (0, 1]
 * @param seed the sampler's seed, or null for a random one
 * @param stop up to 4 non-empty stop sequences
 * @param stream whether to answer with server-sent events
 * @param includeUsage stream a last chunk with the usage counts
 */
public record CompletionParams(
        Endpoint endpoint,
        String model,
        String prompt,
        List<ChatMessage> messages,
        Integer maxTokens,
        double temperature,
        double topP,
        Long seed,
        List<String> stop,
        boolean stream,
        boolean includeUsage) {

    public CompletionParams {
        messages = List.copyOf(messages);
        stop = List.copyOf(stop);
    }

    /** The parameter that sets the token limit, for error messages. */
    public String maxTokensParam() {
        return endpoint == Endpoint.CHAT ? "max_completion_tokens" : "max_tokens";
    }
}

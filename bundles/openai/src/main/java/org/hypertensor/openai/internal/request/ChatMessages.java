package org.hypertensor.openai.internal.request;

import java.util.List;
import org.hypertensor.model.api.ChatMessage;

/**
 * The OpenAI API's chat roles as the model's chat template sees them: {@code developer} messages count as
 * {@code system} ones. The template itself belongs to the model (its tokenizer_config.json; without one, the
 * node's default of docs/openai.md) and is applied by the generator.
 */
public final class ChatMessages {

    public static final List<String> ROLES = List.of("system", "developer", "user", "assistant", "tool");

    private ChatMessages() {}

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role.equals("developer") ? "system" : role, content);
    }
}

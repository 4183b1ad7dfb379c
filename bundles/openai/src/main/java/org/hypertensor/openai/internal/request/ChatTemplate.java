package org.hypertensor.openai.internal.request;

import java.util.List;

/**
 * The chat template for models without their own (none of the node's models carries one): each message as
 * {@code <|role|>\n} + its content + {@code \n}, then {@code <|assistant|>\n} for the answer. {@code developer}
 * messages count as {@code system} ones. Documented in docs/openai.md; changing it changes every chat answer.
 */
public final class ChatTemplate {

    /** One message of a chat, content already flattened to text. */
    public record Message(String role, String content) {}

    public static final List<String> ROLES = List.of("system", "developer", "user", "assistant", "tool");

    private ChatTemplate() {}

    public static String render(List<Message> messages) {
        StringBuilder prompt = new StringBuilder();
        for (Message m : messages) {
            String role = m.role().equals("developer") ? "system" : m.role();
            prompt.append("<|").append(role).append("|>\n").append(m.content()).append('\n');
        }
        return prompt.append("<|assistant|>\n").toString();
    }
}

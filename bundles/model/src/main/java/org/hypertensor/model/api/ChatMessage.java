package org.hypertensor.model.api;

import java.util.Objects;

/**
 * One message of a conversation as a chat template sees it ({@code messages[i].role}, {@code .content}).
 *
 * @since 1.3
 */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }
}

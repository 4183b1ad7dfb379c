package org.hypertensor.model.api;

import java.util.List;

/** Text to token ids and back; the model's chat template and end tokens. */
public interface Tokenizer {

    int vocabSize();

    /** The token a prompt starts with, or -1. */
    int bosToken();

    /** The token that ends a generation, or -1. */
    int eosToken();

    /** The tokens of {@code text}, without a BOS token. */
    int[] encode(String text);

    /**
     * The tokens of {@code text}, with the special tokens the tokenizer adds around a sequence (its
     * post-processor: e.g. a BOS) if {@code addSpecialTokens}, as Hugging Face's {@code encode} does.
     *
     * @since 1.2
     */
    default int[] encode(String text, boolean addSpecialTokens) {
        int[] ids = encode(text);
        if (!addSpecialTokens || bosToken() < 0) {
            return ids;
        }
        int[] out = new int[ids.length + 1];
        out[0] = bosToken();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    /** The text of {@code tokens}; bytes that do not form valid UTF-8 yet decode as U+FFFD. */
    String decode(int[] tokens);

    /**
     * The text of {@code tokens}, leaving out special tokens if {@code skipSpecialTokens}.
     *
     * @since 1.2
     */
    default String decode(int[] tokens, boolean skipSpecialTokens) {
        return decode(tokens);
    }

    /**
     * The vocabulary's string for a token id (e.g. {@code Ġhello}), or null if there is none.
     *
     * @since 1.2
     */
    default String token(int id) {
        return null;
    }

    /**
     * Every token that ends a generation (a checkpoint's {@code generation_config.json} may name several, as
     * Llama 3 Instruct does); empty if none.
     *
     * @since 1.3
     */
    default int[] eosTokens() {
        return eosToken() < 0 ? new int[0] : new int[] {eosToken()};
    }

    /** Whether the model brings its own chat template ({@link #renderChat}). @since 1.3 */
    default boolean hasChatTemplate() {
        return false;
    }

    /**
     * The prompt for a conversation, ready for the assistant's answer: the model's chat template applied as
     * Hugging Face's {@code apply_chat_template(messages, add_generation_prompt=True)} does or, for a model
     * without one, each message as {@code <|role|>\n} + content + {@code \n}, then {@code <|assistant|>\n}.
     *
     * @throws IllegalArgumentException when the template refuses the conversation (its {@code
     *     raise_exception}, e.g. roles that do not alternate)
     * @throws ModelFormatException when the model's template cannot be rendered here (the construct named)
     * @since 1.3
     */
    default String renderChat(List<ChatMessage> messages) {
        StringBuilder prompt = new StringBuilder();
        for (ChatMessage m : messages) {
            prompt.append("<|")
                    .append(m.role())
                    .append("|>\n")
                    .append(m.content())
                    .append('\n');
        }
        return prompt.append("<|assistant|>\n").toString();
    }

    /**
     * The tokens of {@link #renderChat}: with a chat template, without adding special tokens (the template
     * writes them, as {@code apply_chat_template(tokenize=True)}); without one, as a plain prompt.
     *
     * @since 1.3
     */
    default int[] encodeChat(List<ChatMessage> messages) {
        return encode(renderChat(messages), !hasChatTemplate());
    }
}

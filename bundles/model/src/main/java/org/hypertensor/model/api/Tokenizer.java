package org.hypertensor.model.api;

/** Text to token ids and back. */
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
}

package org.hypertensor.inference.api.generate;

import org.hypertensor.model.api.Tokenizer;

/**
 * Turns a growing token sequence into text pieces as they become final: decodes the whole sequence each time
 * (so merges across token boundaries come out right) and holds back a trailing incomplete UTF-8 sequence.
 */
public final class TextStream {

    private final Tokenizer tokenizer;
    private final TextGenerator.Listener listener;
    private int emitted;
    private boolean stopped;

    public TextStream(Tokenizer tokenizer, TextGenerator.Listener listener) {
        this.tokenizer = tokenizer;
        this.listener = listener;
    }

    /** Emits what {@code tokens} (all generated so far) adds; false once the listener asked to stop. */
    public boolean add(int[] tokens) {
        String text = tokenizer.decode(tokens);
        int end = text.length();
        while (end > emitted && text.charAt(end - 1) == '\uFFFD') {
            end--;
        }
        return emit(text, end);
    }

    /** Emits the rest, replacement characters included; returns the whole text. */
    public String finish(int[] tokens) {
        String text = tokenizer.decode(tokens);
        emit(text, text.length());
        return text;
    }

    /** Whether the listener asked to stop. */
    public boolean stopped() {
        return stopped;
    }

    private boolean emit(String text, int end) {
        if (end > emitted && !stopped) {
            stopped = !listener.text(text.substring(emitted, end));
            emitted = end;
        }
        return !stopped;
    }
}

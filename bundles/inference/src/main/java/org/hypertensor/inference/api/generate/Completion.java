package org.hypertensor.inference.api.generate;

/**
 * What a generation produced.
 *
 * @param text the generated text (the prompt not included)
 * @param promptTokens tokens of the prompt, as the model saw it
 * @param completionTokens tokens generated
 * @param finish why it ended
 * @param route who computed it: {@code local:<engine>}, or the servers' peer ids and block ranges
 */
public record Completion(String text, int promptTokens, int completionTokens, Finish finish, String route) {

    /** Why a generation ended. */
    public enum Finish {
        /** The model's end token, or the listener asked to stop (a stop sequence). */
        STOP,
        /** {@code maxTokens} reached. */
        LENGTH
    }
}

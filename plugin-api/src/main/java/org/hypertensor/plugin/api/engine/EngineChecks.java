package org.hypertensor.plugin.api.engine;

import java.util.Arrays;

/**
 * The checks every engine makes before computing, so all engines refuse bad input with the same message
 * and before allocating anything.
 */
public final class EngineChecks {

    private EngineChecks() {}

    /** A session's size: batch at least 1, {@code 1 <= maxLength <= maxPositions} and within a sliding window. */
    public static void checkSession(ModelConfig config, int batch, int maxLength) {
        checkSession(config, batch, maxLength, false);
    }

    /**
     * {@link #checkSession(ModelConfig, int, int)} for an engine that says whether it implements sliding-window
     * attention; one that does takes sessions longer than the window.
     *
     * @since 1.3
     */
    public static void checkSession(ModelConfig config, int batch, int maxLength, boolean slidingWindowAttention) {
        if (batch < 1) {
            throw new ShapeException("batch must be at least 1, got " + batch);
        }
        if (maxLength < 1 || maxLength > config.maxPositions()) {
            throw new RangeException("max length " + maxLength + " is outside 1.." + config.maxPositions()
                    + " (the model's max positions)");
        }
        if (!slidingWindowAttention && config.slidingWindow() > 0 && maxLength > config.slidingWindow()) {
            throw new RangeException("max length " + maxLength + " exceeds the model's sliding window of "
                    + config.slidingWindow() + " positions (sliding-window attention is not implemented)");
        }
    }

    /**
     * Hidden states for a step of {@code session}: shape {@code [session.batch(), seq >= 1, hiddenSize]}
     * and {@code session.position() + seq <= session.maxLength()}; the session must be open.
     *
     * @return the step's sequence length
     */
    public static int checkStep(Tensor hidden, int hiddenSize, InferenceSession session) {
        if (session.isClosed()) {
            throw new EngineException("the session is closed");
        }
        int[] s = hidden.shape();
        if (s.length != 3 || s[0] != session.batch() || s[1] < 1 || s[2] != hiddenSize) {
            throw new ShapeException("hidden states must have shape [" + session.batch() + ", seq, " + hiddenSize
                    + "], got " + Arrays.toString(s));
        }
        if (session.position() + s[1] > session.maxLength()) {
            throw new RangeException("positions " + session.position() + ".." + (session.position() + s[1] - 1)
                    + " are beyond the session's max length " + session.maxLength());
        }
        return s[1];
    }
}

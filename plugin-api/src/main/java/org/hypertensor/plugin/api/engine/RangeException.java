package org.hypertensor.plugin.api.engine;

/** A position or block index out of range: past a session's {@code maxLength}, or beyond the model's blocks. */
public class RangeException extends EngineException {

    private static final long serialVersionUID = 1L;

    public RangeException(String message) {
        super(message);
    }
}

package org.hypertensor.plugin.api.engine;

/** Not enough memory for the weights or for a session's attention cache; nothing was allocated. */
public class EngineMemoryException extends EngineException {

    private static final long serialVersionUID = 1L;

    public EngineMemoryException(String message) {
        super(message);
    }
}

package org.hypertensor.plugin.api.engine;

/**
 * A request an engine cannot serve. Its message is one line a user can act on; the engine stays usable
 * after throwing it. The subclasses say why: {@link ShapeException}, {@link RangeException},
 * {@link EngineMemoryException}.
 */
public class EngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}

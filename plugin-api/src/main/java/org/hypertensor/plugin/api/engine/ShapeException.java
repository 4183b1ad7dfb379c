package org.hypertensor.plugin.api.engine;

/** A tensor whose shape does not fit: wrong rank, hidden size or batch, or a weight of the wrong shape. */
public class ShapeException extends EngineException {

    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}

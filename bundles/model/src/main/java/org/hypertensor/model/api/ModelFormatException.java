package org.hypertensor.model.api;

/** A model directory that cannot be used: missing files, a corrupt header, a hash mismatch. One-line message. */
public class ModelFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

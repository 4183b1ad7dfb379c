package org.hypertensor.util.proto;

/** A peer sent bytes that do not decode; the message says what, in one line (no stack trace is filled in). */
public final class MalformedInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedInputException(String message) {
        super(message, null, false, false);
    }
}

package org.hypertensor.dht.internal.wire;

/** Bytes from a peer that are not a valid message; the text is one line, without a stack trace. */
public final class MalformedMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}

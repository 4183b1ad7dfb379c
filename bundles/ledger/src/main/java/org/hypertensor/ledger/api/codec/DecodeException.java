package org.hypertensor.ledger.api.codec;

/** Bytes that are not a canonical encoding; the message says what is wrong and where. */
public class DecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DecodeException(String message) {
        super(message);
    }

    /** Malformed input from peers or users is routine: the stack trace would only cost time. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

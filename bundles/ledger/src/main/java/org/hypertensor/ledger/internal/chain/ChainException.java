package org.hypertensor.ledger.internal.chain;

/** The chain cannot do what was asked (a block that does not import, a database from another chain); the message says why. */
public class ChainException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}

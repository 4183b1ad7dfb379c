package org.hypertensor.ledger.internal.spec;

/** A chain spec that cannot be used; the message names the field and what is wrong. */
public class ChainSpecException extends Exception {

    private static final long serialVersionUID = 1L;

    public ChainSpecException(String message) {
        super(message);
    }
}

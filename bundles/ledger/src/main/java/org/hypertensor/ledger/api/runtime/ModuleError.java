package org.hypertensor.ledger.api.runtime;

/**
 * A call's typed failure, e.g. {@code NotEnoughStake}: {@code error} is the stable name clients match
 * on, the message says what was wrong for a person. Receipts, RPC and shell show both.
 */
public class ModuleError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;

    public ModuleError(String error, String message) {
        super(message);
        this.error = error;
    }

    public String error() {
        return error;
    }

    @Override
    public String toString() {
        return error + ": " + getMessage();
    }

    /** A failed call is an ordinary outcome, not a bug: no stack needed. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

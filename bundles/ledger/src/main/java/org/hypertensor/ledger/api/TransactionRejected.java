package org.hypertensor.ledger.api;

/** Why the pool refused a transaction; nothing was changed. */
public class TransactionRejected extends Exception {

    private static final long serialVersionUID = 1L;

    /** The distinct reasons, each with its own RPC error code. */
    public enum Reason {
        MALFORMED(1001),
        TOO_LARGE(1002),
        BAD_SIGNATURE(1003),
        STALE_NONCE(1004),
        FUTURE_NONCE(1005),
        INSUFFICIENT_FUNDS(1006),
        UNKNOWN_CALL(1007),
        DUPLICATE(1008),
        POOL_FULL(1009),
        SENDER_LIMIT(1010),
        PAUSED(1011);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    private final Reason reason;

    public TransactionRejected(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return reason.name().toLowerCase() + ": " + getMessage();
    }

    /** A rejected transaction is routine input checking; no stack needed. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

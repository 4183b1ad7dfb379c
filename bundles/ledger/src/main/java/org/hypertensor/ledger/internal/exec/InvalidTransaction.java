package org.hypertensor.ledger.internal.exec;

import org.hypertensor.ledger.api.TransactionRejected;

/** A transaction that may not enter a block (it would not even pay its fee); carries the pool's reason. */
public class InvalidTransaction extends Exception {

    private static final long serialVersionUID = 1L;

    private final TransactionRejected.Reason reason;

    public InvalidTransaction(TransactionRejected.Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TransactionRejected.Reason reason() {
        return reason;
    }

    public TransactionRejected toRejection() {
        return new TransactionRejected(reason, getMessage());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

package org.hypertensor.store.api;

/** A store operation failed; the message is one line naming what and why. Nothing was written. */
public class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

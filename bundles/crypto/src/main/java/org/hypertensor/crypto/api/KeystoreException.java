package org.hypertensor.crypto.api;

/**
 * A key file could not be used: wrong password, damaged or unsupported file, or an I/O failure.
 * The message is one line, fit for an operator.
 */
public final class KeystoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the keystore refused. */
    public enum Reason {
        /** The password does not decrypt the key (or the file's sealed header was altered). */
        WRONG_PASSWORD,
        /** The file is not a readable key file of a supported version. */
        CORRUPTED,
        /** Reading or writing the file failed. */
        IO
    }

    private final Reason reason;

    public KeystoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public KeystoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

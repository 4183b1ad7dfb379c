package org.hypertensor.bft.api;

/** A certificate, evidence or message that does not verify; the message says why, for operators. */
public class VerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }
}

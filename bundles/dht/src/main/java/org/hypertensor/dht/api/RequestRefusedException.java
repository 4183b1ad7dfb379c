package org.hypertensor.dht.api;

/** A request a node refuses: bad envelope, stale, replayed, or from a peer without stake. One-line message. */
public final class RequestRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a request was refused. */
    public enum Reason {
        MALFORMED,
        BAD_SIGNATURE,
        STALE,
        REPLAY,
        TOO_MANY,
        NOT_STAKED
    }

    private final Reason reason;

    public RequestRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

package org.hypertensor.inference.net.api;

/**
 * A forward that brought back no valid signed answer: the server refused it (its error code in {@code reason}),
 * did not answer, or answered with a receipt that does not sign this request and output ({@code BAD_RECEIPT}).
 */
public final class ForwardRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The reason code of a receipt that is forged, replayed or for another request. */
    public static final String BAD_RECEIPT = "BAD_RECEIPT";
    /** The reason code of a server that did not answer (unreachable, timeout, stream reset). */
    public static final String NO_ANSWER = "NO_ANSWER";

    private final String reason;

    public ForwardRefusedException(String reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    /** {@link #BAD_RECEIPT}, {@link #NO_ANSWER} or the server's error code ({@code RANGE}, {@code UNAVAILABLE}, …). */
    public String reason() {
        return reason;
    }
}

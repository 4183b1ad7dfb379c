package org.hypertensor.inference.net.internal.wire;

/** A request refused with an {@link ErrorCode} and a one-line message; what the server sends as an {@link Frame.Error}. */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}

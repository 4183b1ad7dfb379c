package org.hypertensor.p2p.api;

/** The peer answered {@code na} to every protocol proposed for a stream. */
public final class ProtocolNotSupportedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProtocolNotSupportedException(String message) {
        super(message, null, false, false);
    }
}

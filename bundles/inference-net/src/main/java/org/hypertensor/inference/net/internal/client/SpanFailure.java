package org.hypertensor.inference.net.internal.client;

import org.hypertensor.inference.net.internal.wire.ErrorCode;

/** A server failed its span: connection lost, timeout, an error answer or a wrong one. */
final class SpanFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Span span;
    private final ErrorCode code;

    SpanFailure(Span span, String message) {
        this(span, message, null);
    }

    SpanFailure(Span span, String message, ErrorCode code) {
        super(span.server().peer().shortString() + " (blocks " + span.blocks() + "): " + message, null, false, false);
        this.span = span;
        this.code = code;
    }

    Span span() {
        return span;
    }

    /** The server's error code, if it answered with one. */
    ErrorCode code() {
        return code;
    }
}

package org.hypertensor.p2p.interop;

import org.hypertensor.p2p.api.ProtocolHandler;

/** The interop test's SHA-256 sink, for the benchmark. */
public final class JsInteropTestAccess {

    public static final ProtocolHandler SHA256_SINK = JsInteropTest.SHA256_SINK;

    private JsInteropTestAccess() {}
}

package org.hypertensor.inference.net.internal.client;

import org.hypertensor.plugin.api.engine.Tensor;

/** A session on one server for one span: remote (a stream) or, for this node's own server, direct. */
interface SpanSession extends AutoCloseable {

    Span span();

    /** Positions stepped so far. */
    int position();

    /** Hidden states {@code [1, n, hidden]} at {@link #position()} in, the span's output out. */
    Tensor step(Tensor input) throws SpanFailure;

    /** Ends the session in good order. */
    @Override
    void close();

    /** Drops the session after a failure. */
    void abort();
}

package org.hypertensor.inference.net.internal.client;

import java.util.Arrays;
import org.hypertensor.inference.net.internal.server.BlockServer;
import org.hypertensor.inference.net.internal.server.ServerSession;
import org.hypertensor.inference.net.internal.wire.Frame;
import org.hypertensor.inference.net.internal.wire.ProtocolException;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * A span served by this node's own server (a node cannot open a stream to itself): the same session, checks
 * and limits as over the wire, without the network.
 */
final class LocalSpanSession implements SpanSession {

    private final Span span;
    private final BlockServer server;
    private final ServerSession session;

    private LocalSpanSession(Span span, BlockServer server, ServerSession session) {
        this.span = span;
        this.server = server;
        this.session = session;
    }

    static LocalSpanSession open(BlockServer server, PeerId self, Span span, String model, int maxLength)
            throws SpanFailure {
        try {
            ServerSession s = server.open(
                    self,
                    new Frame.Open(model, span.blocks().start(), span.blocks().end(), maxLength, 1));
            return new LocalSpanSession(span, server, s);
        } catch (ProtocolException e) {
            throw new SpanFailure(span, e.toString(), e.code());
        }
    }

    @Override
    public Span span() {
        return span;
    }

    @Override
    public int position() {
        return session.position();
    }

    @Override
    public Tensor step(Tensor input) throws SpanFailure {
        try {
            server.checkStep(session, new Frame.Step(session.position(), input.shape()));
            Tensor out = server.step(session, input);
            if (!Arrays.equals(out.shape(), input.shape())) {
                throw new SpanFailure(span, "the engine answered " + Arrays.toString(out.shape()));
            }
            return out;
        } catch (ProtocolException e) {
            throw new SpanFailure(span, e.toString(), e.code());
        }
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public void abort() {
        session.close();
    }
}

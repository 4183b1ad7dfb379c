package org.hypertensor.inference.net.internal.client;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.inference.net.internal.server.InferenceHandler;
import org.hypertensor.inference.net.internal.wire.ErrorCode;
import org.hypertensor.inference.net.internal.wire.Frame;
import org.hypertensor.inference.net.internal.wire.FrameStream;
import org.hypertensor.inference.net.internal.wire.ProtocolException;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * The client's side of one session stream to one server, for one span: open, steps, close. Every failure
 * (connection, timeout, error frame, an answer of the wrong shape) is a {@link SpanFailure}.
 */
final class RemoteSession implements SpanSession {

    private final Span span;
    private final FrameStream io;
    private final Duration timeout;
    private final int hidden;
    private int position;

    private RemoteSession(Span span, FrameStream io, Duration timeout, int hidden) {
        this.span = span;
        this.io = io;
        this.timeout = timeout;
        this.hidden = hidden;
    }

    static RemoteSession open(P2pNetwork p2p, Span span, String model, int maxLength, int hidden, Duration timeout)
            throws SpanFailure {
        P2pStream stream;
        try {
            connect(p2p, span);
            stream = p2p.openStream(span.server().peer(), List.of(InferenceHandler.PROTOCOL))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpanFailure(span, "interrupted");
        } catch (ExecutionException | TimeoutException | IOException e) {
            throw new SpanFailure(span, "cannot open a session: " + message(e));
        }
        RemoteSession s = new RemoteSession(span, new FrameStream(stream), timeout, hidden);
        try {
            s.io.write(
                    new Frame.Open(model, span.blocks().start(), span.blocks().end(), maxLength, 1));
            Frame f = s.io.read(timeout);
            if (f instanceof Frame.Error e) {
                throw new SpanFailure(span, e.code() + ": " + e.message(), ErrorCode.of(e.code()));
            }
            if (!(f instanceof Frame.Opened)) {
                throw new SpanFailure(span, "answered open with " + FrameStream.name(f));
            }
            return s;
        } catch (IOException | ProtocolException e) {
            stream.reset();
            throw new SpanFailure(span, message(e));
        } catch (SpanFailure e) {
            stream.reset();
            throw e;
        }
    }

    /** Dials one of the server's announced addresses unless already connected. */
    private static void connect(P2pNetwork p2p, Span span) throws IOException, InterruptedException {
        if (p2p.isConnected(span.server().peer())) {
            return;
        }
        IOException last = new IOException("no address announced");
        for (Multiaddr a : span.server().addresses()) {
            try {
                p2p.connect(a.withPeerId(span.server().peer())).get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                last = new IOException(message(e));
            }
        }
        if (p2p.knownAddresses(span.server().peer()).isEmpty()) {
            throw last;
        }
    }

    @Override
    public Span span() {
        return span;
    }

    @Override
    public int position() {
        return position;
    }

    /** One step: hidden states {@code [1, n, hidden]} at the session's position in, the span's output out. */
    @Override
    public Tensor step(Tensor input) throws SpanFailure {
        try {
            // the step goes out as one packet, and the answer's reads are posted before it can arrive
            io.postTensor(new Frame.Step(position, input.shape()), input);
            io.readAhead(1 + FrameStream.chunks((long) input.dim(1) * hidden) - io.readsAhead(), timeout);
            Frame f = io.read(timeout);
            if (f instanceof Frame.Error e) {
                throw new SpanFailure(span, e.code() + ": " + e.message(), ErrorCode.of(e.code()));
            }
            if (!(f instanceof Frame.Result r)) {
                throw new SpanFailure(span, "answered a step with " + FrameStream.name(f));
            }
            int[] expected = {1, input.dim(1), hidden};
            if (r.position() != position || !java.util.Arrays.equals(r.dims(), expected)) {
                throw new SpanFailure(span, "answered with " + r + " for a step at " + position);
            }
            Tensor out = io.readTensor(r.dims(), timeout);
            io.awaitWrites(); // sent long ago: the server answered them
            position += input.dim(1);
            return out;
        } catch (IOException | ProtocolException e) {
            io.stream().reset();
            throw new SpanFailure(span, message(e));
        }
    }

    @Override
    public void close() {
        try {
            io.write(new Frame.Close());
            io.stream().closeWrite();
        } catch (IOException e) {
            io.stream().reset();
        }
    }

    @Override
    public void abort() {
        io.stream().reset();
    }

    private static String message(Throwable e) {
        Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return c instanceof TimeoutException ? "timed out" : String.valueOf(c.getMessage());
    }
}

package org.hypertensor.inference.net.internal.server;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.hypertensor.inference.net.internal.wire.ErrorCode;
import org.hypertensor.inference.net.internal.wire.Frame;
import org.hypertensor.inference.net.internal.wire.FrameStream;
import org.hypertensor.inference.net.internal.wire.ProtocolException;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.plugin.api.engine.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #PROTOCOL}: one stream per session. open → opened (or error); then step + chunks → result +
 * chunks, as many as the client sends; close (or the stream's end) releases the session. Any refusal is one
 * error frame, after which the stream is closed; other sessions are not affected.
 */
public final class InferenceHandler implements ProtocolHandler {

    public static final String PROTOCOL = "/hypertensor/inference/1.0.0";
    private static final Logger LOG = LoggerFactory.getLogger(InferenceHandler.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<BlockServer> server;
    private final Clock clock;

    /** {@code server} gives the current server (null while there is none). */
    public InferenceHandler(Supplier<BlockServer> server, Clock clock) {
        this.server = server;
        this.clock = clock;
    }

    @Override
    public void handle(P2pStream stream) {
        FrameStream io = new FrameStream(stream);
        ServerSession session = null;
        try {
            BlockServer s = server.get();
            if (s == null) {
                throw new ProtocolException(ErrorCode.UNAVAILABLE, "this node hosts no blocks");
            }
            Frame first = io.read(OPEN_TIMEOUT);
            if (!(first instanceof Frame.Open open)) {
                throw new ProtocolException(
                        first instanceof Frame.Step ? ErrorCode.UNKNOWN_SESSION : ErrorCode.MALFORMED,
                        first instanceof Frame.Step
                                ? "unknown session: a step before open"
                                : "expected open, got " + FrameStream.name(first));
            }
            session = s.open(stream.remotePeer(), open);
            io.write(new Frame.Opened(open.maxLength(), s.freeCacheTokens()));
            serve(s, session, io);
        } catch (ProtocolException e) {
            LOG.debug("Inference session of {} refused: {}", stream.remotePeer().shortString(), e.toString());
            if (session != null) {
                session.close(); // released before the client hears of it, so it may open another at once
            }
            io.fail(e);
        } catch (IOException e) {
            LOG.debug("Inference session of {} ended: {}", stream.remotePeer().shortString(), e.getMessage());
            stream.reset();
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private void serve(BlockServer s, ServerSession session, FrameStream io) throws IOException, ProtocolException {
        ServerSettings limits = s.settings();
        Instant end = session.opened().plus(limits.sessionLifetime());
        while (true) {
            Duration left = Duration.between(clock.instant(), end);
            if (left.isNegative() || left.isZero()) {
                throw new ProtocolException(
                        ErrorCode.EXPIRED,
                        "session older than " + limits.sessionLifetime().toMinutes() + " min");
            }
            Duration wait = left.compareTo(limits.stepGap()) < 0 ? left : limits.stepGap();
            Frame f;
            try {
                // the next step's header and first chunk: taken in one wake-up when they come together
                io.readAhead(2 - io.readsAhead(), wait);
                f = io.read(wait);
            } catch (FrameStream.StreamTimeoutException e) {
                throw new ProtocolException(
                        ErrorCode.EXPIRED,
                        "no step for " + wait.toSeconds() + " s (step gap "
                                + limits.stepGap().toSeconds() + " s, session "
                                + limits.sessionLifetime().toMinutes() + " min)");
            }
            if (f instanceof Frame.Close) {
                session.close();
                io.stream().closeWrite();
                return;
            }
            if (!(f instanceof Frame.Step step)) {
                throw new ProtocolException(ErrorCode.MALFORMED, "expected step or close, got " + FrameStream.name(f));
            }
            s.checkStep(session, step);
            Tensor hidden = io.readTensor(step.dims(), limits.stepGap());
            io.awaitWrites(); // the last result (done unless the client steps without reading answers)
            Tensor out = s.step(session, hidden);
            io.postTensor(new Frame.Result(step.position(), out.shape()), out);
        }
    }
}

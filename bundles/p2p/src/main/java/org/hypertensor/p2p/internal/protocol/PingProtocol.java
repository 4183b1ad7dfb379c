package org.hypertensor.p2p.internal.protocol;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.internal.host.Connection;
import org.hypertensor.p2p.internal.yamux.YamuxStream;

/** {@code /ipfs/ping/1.0.0}: 32 random bytes echoed, repeatable on one stream (which we keep per connection). */
public final class PingProtocol {

    public static final String ID = "/ipfs/ping/1.0.0";
    private static final int SIZE = 32;

    private final SecureRandom random = new SecureRandom();

    /** Echoes every 32 bytes until the peer closes. */
    public void respond(P2pStream stream) {
        stream.readExactly(SIZE).whenComplete((b, e) -> {
            if (e != null) {
                stream.closeWrite();
                return;
            }
            stream.write(b).whenComplete((v, we) -> {
                if (we == null) {
                    respond(stream);
                }
            });
        });
    }

    /** One ping on the connection's ping stream (opened on first use); completes with the round trip. */
    public CompletableFuture<Duration> ping(Connection connection) {
        synchronized (connection) {
            CompletableFuture<YamuxStream> s = connection.pingStream;
            if (s == null
                    || (s.isDone()
                            && (s.isCompletedExceptionally()
                                    || s.join().closed().isDone()))) {
                s = connection.openStream(List.of(ID));
                connection.pingStream = s;
            }
            CompletableFuture<YamuxStream> stream = s;
            return stream.thenCompose(this::pingOnce).whenComplete((d, e) -> {
                if (e != null) {
                    stream.thenAccept(YamuxStream::reset);
                }
            });
        }
    }

    /** One exchange on an open ping stream. */
    public CompletableFuture<Duration> pingOnce(P2pStream stream) {
        byte[] payload = new byte[SIZE];
        random.nextBytes(payload);
        long start = System.nanoTime();
        stream.write(payload);
        return stream.readExactly(SIZE).thenApply(echo -> {
            if (!Arrays.equals(echo, payload)) {
                throw new IllegalStateException(new IOException("ping echo does not match"));
            }
            return Duration.ofNanos(System.nanoTime() - start);
        });
    }
}

package org.hypertensor.p2p.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.internal.protocol.IdentifyProtocol;
import org.junit.jupiter.api.Test;

/**
 * One peer holding many silent streams of a blocking protocol (like kad requests that never arrive) must
 * not delay ping and identify for other peers: each protocol runs on its own bounded executor.
 */
class ProtocolIsolationTest {

    private static final String SILENT = "/test/kadlike/1.0.0";

    @Test
    void silentStreamsOfOnePeerDoNotDelayPingOrIdentifyOfOthers() throws Exception {
        try (TestHosts hosts = new TestHosts()) {
            Host server = hosts.start();
            AtomicInteger waiting = new AtomicInteger();
            // a blocking handler that waits for a request which never comes (until its read times out)
            server.registerHandler(SILENT, stream -> {
                waiting.incrementAndGet();
                try {
                    stream.readMessage(1024).get(20, TimeUnit.SECONDS);
                } finally {
                    waiting.decrementAndGet();
                    stream.reset();
                }
            });
            Host attacker = hosts.start();
            attacker.connect(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
            List<P2pStream> held = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                held.add(attacker.openStream(server.localPeerId(), List.of(SILENT))
                        .get(5, TimeUnit.SECONDS));
            }
            int threads = server.config().handlerThreads();
            TestHosts.await(
                    "the silent handlers to occupy their threads",
                    Duration.ofSeconds(10),
                    () -> waiting.get() == Math.min(64, threads));

            Host other = hosts.start();
            long t0 = System.nanoTime();
            other.connect(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
            TestHosts.await(
                    "identify of the server",
                    Duration.ofSeconds(5),
                    () -> other.peerProtocols(server.localPeerId()).contains(IdentifyProtocol.ID));
            long identifyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            long[] pings = new long[20];
            for (int i = 0; i < pings.length; i++) {
                pings[i] = other.ping(server.localPeerId())
                        .get(5, TimeUnit.SECONDS)
                        .toMillis();
            }
            Arrays.sort(pings);
            System.out.printf(
                    "ProtocolIsolationTest: 64 silent streams held; connect+identify %d ms, ping median %d ms, max %d ms%n",
                    identifyMs, pings[pings.length / 2], pings[pings.length - 1]);
            assertTrue(identifyMs < 2_000, "identify took " + identifyMs + " ms");
            assertTrue(pings[pings.length - 1] < 1_000, "slowest ping " + pings[pings.length - 1] + " ms");
            // the silent streams are still held, not dropped to make room
            assertEquals(Math.min(64, threads), waiting.get());
            held.forEach(P2pStream::reset);
        }
    }
}

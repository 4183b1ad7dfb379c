package org.hypertensor.p2p.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.internal.gossip.GossipConfig;
import org.hypertensor.p2p.internal.gossip.GossipRouter;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.p2p.internal.multistream.MultistreamCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A misbehaving peer costs only what it must: the connection (bad framing before or inside Noise) or
 * the stream (yamux frames for unknown streams, data beyond the window, oversized gossip), and the node
 * keeps serving a well-behaved peer afterwards.
 */
class BadInputTest {

    private final TestHosts hosts = new TestHosts();
    private Host server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        server = hosts.start();
        address = server.listenAddresses().get(0).toTcpSocketAddress();
    }

    @AfterEach
    void close() throws Exception {
        // whatever happened, a normal peer still gets served
        Host good = hosts.start();
        good.connect(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        assertTrue(good.ping(server.localPeerId()).get(5, TimeUnit.SECONDS).toMillis() < 1000);
        hosts.close();
    }

    @Test
    void malformedVarintClosesTheConnection() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.writeRaw(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1});
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void overLongMultistreamMessageClosesTheConnection() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.writeRaw(RawClient.varint(1 << 20));
            c.writeRaw(new byte[64]);
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void wrongProtocolNamesAreAnsweredNa() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.writeRaw(MultistreamCodec.encode(MultistreamCodec.HEADER, "/tls/1.0.0"));
            assertEquals(MultistreamCodec.HEADER, c.readMultistream());
            assertEquals("na", c.readMultistream());
            c.writeRaw(MultistreamCodec.encode("/noise"));
            assertEquals("/noise", c.readMultistream());
        }
        try (RawClient c = new RawClient(address)) {
            c.writeRaw(MultistreamCodec.encode("/not-multistream/9"));
            assertTrue(c.closedByServer(), "a wrong header ends the connection");
        }
    }

    @Test
    void noiseMessageThatFailsToDecryptClosesTheConnection() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.secure(NodeKey.generate(new SecureRandom()));
            byte[] garbage = new byte[100];
            new SecureRandom().nextBytes(garbage);
            c.writeFrame(garbage);
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void yamuxFramesForUnknownStreamsAreResetAndTheConnectionLives() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.secure(NodeKey.generate(new SecureRandom()));
            c.sendSecure(RawClient.yamux(0, 0, 77, 3, new byte[] {1, 2, 3}));
            RawClient.Frame rst = c.awaitFrame(f -> f.stream() == 77);
            assertNotNull(rst);
            assertEquals(8, rst.flags() & 8, "RST for the unknown stream");
            // the session still works: a yamux ping is answered
            c.sendSecure(RawClient.yamux(2, 1, 0, 4242, new byte[0]));
            RawClient.Frame pong = c.awaitFrame(f -> f.type() == 2);
            assertNotNull(pong);
            assertEquals(4242, pong.length());
        }
    }

    @Test
    void dataBeyondTheWindowResetsOnlyThatStream() throws Exception {
        try (RawClient c = new RawClient(address)) {
            server.registerHandler("/test/idle/1.0.0", stream -> {}); // never reads
            c.secure(NodeKey.generate(new SecureRandom()));
            byte[] select = MultistreamCodec.encode(MultistreamCodec.HEADER, "/test/idle/1.0.0");
            c.sendSecure(RawClient.yamux(0, 1, 1, select.length, select)); // open stream 1, select the protocol
            assertNotNull(c.awaitFrame(f -> f.stream() == 1 && f.type() == 0 && f.length() > 0), "protocol agreed");
            byte[] tooMuch = new byte[60_000];
            for (int i = 0; i < 5; i++) { // 300 kB without waiting: more than the 256 KiB window
                c.sendSecure(RawClient.yamux(0, 0, 1, tooMuch.length, tooMuch));
            }
            RawClient.Frame rst = c.awaitFrame(f -> f.stream() == 1 && (f.flags() & 8) != 0);
            assertNotNull(rst, "stream 1 reset");
            c.sendSecure(RawClient.yamux(2, 1, 0, 7, new byte[0]));
            assertNotNull(c.awaitFrame(f -> f.type() == 2), "connection still up");
        }
    }

    @Test
    void badYamuxVersionEndsTheSession() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.secure(NodeKey.generate(new SecureRandom()));
            byte[] frame = RawClient.yamux(2, 1, 0, 1, new byte[0]);
            frame[0] = 9;
            c.sendSecure(frame);
            RawClient.Frame goAway = c.awaitFrame(f -> f.type() == 3);
            assertNotNull(goAway);
            assertEquals(1, goAway.length(), "protocol error");
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void oversizedGossipResetsTheStreamNotTheConnection() throws Exception {
        GossipRouter router =
                new GossipRouter(server, GossipConfig.defaults().withLimits(4096, 10, Duration.ofMinutes(1)));
        router.start();
        try {
            Host sender = hosts.start();
            sender.connect(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
            P2pStream s = sender.openStream(server.localPeerId(), List.of(GossipRouter.MESHSUB))
                    .get(5, TimeUnit.SECONDS);
            s.writeMessage(new byte[100_000]);
            s.closed().get(5, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(
                    ExecutionException.class, () -> s.write(new byte[1]).get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("reset"), e.getCause().getMessage());
            assertTrue(sender.isConnected(server.localPeerId()));
            assertTrue(
                    sender.ping(server.localPeerId()).get(5, TimeUnit.SECONDS).toMillis() < 1000);
            assertFalse(server.bans().isBanned(sender.localPeerId()), "one offence is a penalty, not a ban");
        } finally {
            router.close();
        }
    }
}

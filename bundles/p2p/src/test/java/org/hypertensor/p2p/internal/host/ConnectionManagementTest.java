package org.hypertensor.p2p.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Limits, idle close, admission hooks, bans, identify push and stream timeouts. */
class ConnectionManagementTest {

    private final TestHosts hosts = new TestHosts();

    @AfterEach
    void close() {
        hosts.close();
    }

    private static HostConfig config(int maxConnections, Duration idle, Duration streamTimeout) {
        HostConfig d = HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")));
        return new HostConfig(
                d.listen(),
                d.agentVersion(),
                maxConnections,
                d.maxUnstaked(),
                d.unstakedIdle(),
                d.maxStreams(),
                d.maxWindow(),
                streamTimeout,
                d.dialTimeout(),
                idle,
                d.ioThreads(),
                d.handlerThreads());
    }

    @Test
    void connectionsBeyondTheLimitAreRefused() throws Exception {
        Host server = hosts.start(config(1, Duration.ofMinutes(5), Duration.ofSeconds(30)));
        Host first = hosts.start();
        Host second = hosts.start();
        first.connect(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        second.connect(server.listenAddresses().get(0)).handle((p, e) -> null).get(5, TimeUnit.SECONDS);
        TestHosts.await("second closed", Duration.ofSeconds(5), () -> !second.isConnected(server.localPeerId()));
        // the server drops the refused connection when its channel has closed, which the client may see first
        TestHosts.await(
                "the server left with one",
                Duration.ofSeconds(5),
                () -> server.connections().size() == 1);
        assertEquals(1, server.connections().size());
        assertTrue(first.ping(server.localPeerId()).get(5, TimeUnit.SECONDS).toMillis() < 1000);
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        Host server = hosts.start(config(10, Duration.ofMillis(400), Duration.ofSeconds(30)));
        Host client = hosts.start();
        client.connect(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        TestHosts.await(
                "idle close", Duration.ofSeconds(5), () -> server.connections().isEmpty());
        TestHosts.await("client notices", Duration.ofSeconds(5), () -> !client.isConnected(server.localPeerId()));
    }

    @Test
    void admissionHookDecides() throws Exception {
        Host server = hosts.start();
        Host allowed = hosts.start();
        Host refused = hosts.start();
        server.addAdmissionHook(
                (peer, addr) -> CompletableFuture.supplyAsync(() -> !peer.equals(refused.localPeerId())));
        allowed.connect(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        refused.connect(server.listenAddresses().get(0)).handle((p, e) -> null).get(5, TimeUnit.SECONDS);
        TestHosts.await(
                "refused peer dropped", Duration.ofSeconds(5), () -> !refused.isConnected(server.localPeerId()));
        assertTrue(allowed.ping(server.localPeerId()).get(5, TimeUnit.SECONDS).toMillis() < 1000);
        assertEquals(
                List.of(allowed.localPeerId()),
                server.connections().stream().map(c -> c.peer()).toList());
    }

    @Test
    void banDisconnectsAndRefuses() throws Exception {
        Host server = hosts.start();
        Host client = hosts.start();
        client.connect(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        server.ban(client.localPeerId(), Duration.ofMinutes(1), "test");
        TestHosts.await("disconnected", Duration.ofSeconds(5), () -> !client.isConnected(server.localPeerId()));
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> server.connect(client.listenAddresses().get(0)).get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("banned"));
    }

    @Test
    void newProtocolsArePushedToConnectedPeers() throws Exception {
        Host server = hosts.start();
        Host client = hosts.start();
        client.connect(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        TestHosts.await(
                "identify",
                Duration.ofSeconds(5),
                () -> !client.peerProtocols(server.localPeerId()).isEmpty());
        assertFalse(client.peerProtocols(server.localPeerId()).contains("/late/1.0.0"));
        server.registerHandler("/late/1.0.0", P2pStream::reset);
        TestHosts.await(
                "identify push",
                Duration.ofSeconds(5),
                () -> client.peerProtocols(server.localPeerId()).contains("/late/1.0.0"));
    }

    @Test
    void aTakenPortIsSkippedAndTheHostStillDials() throws Exception {
        Host first = hosts.start();
        HostConfig d = config(10, Duration.ofMinutes(5), Duration.ofSeconds(30));
        Multiaddr taken = first.listenAddresses().get(0).withoutPeerId();
        Host second = hosts.start(new HostConfig(
                List.of(taken),
                d.agentVersion(),
                d.maxConnections(),
                d.maxUnstaked(),
                d.unstakedIdle(),
                d.maxStreams(),
                d.maxWindow(),
                d.streamTimeout(),
                d.dialTimeout(),
                d.idleTimeout(),
                d.ioThreads(),
                d.handlerThreads()));
        assertTrue(second.listenAddresses().isEmpty());
        assertEquals(
                first.localPeerId(),
                second.connect(first.listenAddresses().get(0)).get(5, TimeUnit.SECONDS));
    }

    @Test
    void readsTimeOut() throws Exception {
        Host server = hosts.start();
        Host client = hosts.start(config(10, Duration.ofMinutes(5), Duration.ofMillis(300)));
        server.registerHandler("/silent/1.0.0", s -> {});
        client.connect(server.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        P2pStream s = client.openStream(server.localPeerId(), List.of("/silent/1.0.0"))
                .get(5, TimeUnit.SECONDS);
        ExecutionException e =
                assertThrows(ExecutionException.class, () -> s.read().get(5, TimeUnit.SECONDS));
        assertInstanceOf(TimeoutException.class, e.getCause());
    }
}

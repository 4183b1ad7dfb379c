package org.hypertensor.p2p.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection-slot attack (issue 15): inbound connections from free random identities took every slot
 * and the staked peer was refused. Real hosts on loopback sockets; stake is what the server's
 * {@code StakedPeers} says.
 */
class ConnectionSlotsTest {

    private final TestHosts hosts = new TestHosts();
    private final Set<PeerId> staked = ConcurrentHashMap.newKeySet();

    @AfterEach
    void close() {
        hosts.close();
    }

    private Host server(int max, int unstaked, Duration idle, Clock clock) throws Exception {
        Host h = hosts.start(
                NodeKey.generate(new SecureRandom()), TestHosts.loopback().withSlots(max, unstaked, idle), clock);
        h.setStakedPeers(peer -> CompletableFuture.completedFuture(staked.contains(peer)));
        return h;
    }

    /** Dials the server from {@code n} fresh identities; returns the clients. */
    private List<Host> dialFrom(Host server, int n) throws Exception {
        List<Host> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Host c = hosts.start();
            c.connect(server.listenAddresses().get(0)).handle((p, e) -> null).get(10, TimeUnit.SECONDS);
            clients.add(c);
        }
        return clients;
    }

    private static long connectedTo(Host server, List<Host> clients) {
        return clients.stream().filter(c -> server.isConnected(c.localPeerId())).count();
    }

    @Test
    void unstakedPeersFillOnlyTheirCapAndAStakedPeerStillConnects() throws Exception {
        Host server = server(8, 4, Duration.ofMinutes(5), Clock.systemUTC());
        List<Host> attackers = dialFrom(server, 10);
        TestHosts.await("cap of 4 unstaked", Duration.ofSeconds(20), () -> connectedTo(server, attackers) == 4);
        TestHosts.await(
                "refused ones see it",
                Duration.ofSeconds(20),
                () -> attackers.stream()
                                .filter(a -> a.isConnected(server.localPeerId()))
                                .count()
                        == 4);
        Host bob = hosts.start();
        staked.add(bob.localPeerId());
        bob.connect(server.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        TestHosts.await("staked peer kept", Duration.ofSeconds(20), () -> server.isConnected(bob.localPeerId()));
        assertTrue(bob.ping(server.localPeerId()).get(10, TimeUnit.SECONDS).toMillis() < 5000);
        assertEquals(4, connectedTo(server, attackers));
        assertEquals(5, server.slotsHeld()[0]);
        assertEquals(4, server.slotsHeld()[1]);
    }

    @Test
    void whenEverySlotIsTakenAStakedPeerEvictsTheIdlestUnstakedOne() throws Exception {
        // no reserve at all: unstaked peers may take every slot, as before the fix
        MutableClock clock = new MutableClock();
        Host server = server(4, 4, Duration.ofMinutes(5), clock);
        List<Host> attackers = dialFrom(server, 4);
        TestHosts.await("all taken", Duration.ofSeconds(20), () -> connectedTo(server, attackers) == 4);
        clock.advance(Duration.ofSeconds(1));
        for (Host a : attackers.subList(1, 4)) { // all but the first send data later: the first is the idlest
            a.ping(server.localPeerId()).get(10, TimeUnit.SECONDS);
        }
        Host late = dialFrom(server, 1).get(0);
        TestHosts.await("unstaked refused", Duration.ofSeconds(20), () -> !late.isConnected(server.localPeerId()));
        assertFalse(server.isConnected(late.localPeerId()));

        Host bob = hosts.start();
        staked.add(bob.localPeerId());
        bob.connect(server.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        TestHosts.await("staked peer in", Duration.ofSeconds(20), () -> server.isConnected(bob.localPeerId()));
        TestHosts.await("one unstaked evicted", Duration.ofSeconds(20), () -> connectedTo(server, attackers) == 3);
        assertFalse(server.isConnected(attackers.get(0).localPeerId()));
        assertTrue(bob.ping(server.localPeerId()).get(10, TimeUnit.SECONDS).toMillis() < 5000);
        assertEquals(4, server.slotsHeld()[0]);
    }

    @Test
    void idleUnstakedConnectionsArePrunedButStakedAndBusyOnesStay() throws Exception {
        MutableClock clock = new MutableClock();
        Host server = server(16, 8, Duration.ofSeconds(60), clock);
        List<Host> idle = dialFrom(server, 3);
        Host busy = dialFrom(server, 1).get(0);
        Host bob = hosts.start();
        staked.add(bob.localPeerId());
        bob.connect(server.listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        TestHosts.await("all in", Duration.ofSeconds(20), () -> server.slotsHeld()[0] == 5);

        clock.advance(Duration.ofSeconds(45));
        // the busy peer sends stream data (a ping) within the minute; the others send nothing
        busy.ping(server.localPeerId()).get(10, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(30));
        server.pruneIdleUnstaked();

        TestHosts.await("idle pruned", Duration.ofSeconds(20), () -> connectedTo(server, idle) == 0);
        assertTrue(server.isConnected(busy.localPeerId()));
        assertTrue(server.isConnected(bob.localPeerId()));
        assertEquals(2, server.slotsHeld()[0]);
        assertEquals(1, server.slotsHeld()[1]);
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private volatile long millis = 1_700_000_000_000L;

        void advance(Duration d) {
            millis += d.toMillis();
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }
}

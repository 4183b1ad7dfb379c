package org.hypertensor.p2p.internal.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.ProtocolNotSupportedException;
import org.hypertensor.p2p.internal.protocol.IdentifyProtocol;
import org.hypertensor.p2p.internal.protocol.PingProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two real hosts on loopback: Noise + yamux, identify, ping, big transfers and many streams. */
class HostTest {

    private final TestHosts hosts = new TestHosts();

    @AfterEach
    void close() {
        hosts.close();
    }

    @Test
    void connectsIdentifiesAndPings() throws Exception {
        Host a = hosts.start();
        Host b = hosts.start();
        PeerId peer = a.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        assertEquals(b.localPeerId(), peer);
        TestHosts.await(
                "identify both ways",
                Duration.ofSeconds(5),
                () -> a.peerProtocols(b.localPeerId()).contains(PingProtocol.ID)
                        && b.peerProtocols(a.localPeerId()).contains(IdentifyProtocol.ID));
        assertEquals("hypertensor/0.1.0", a.connections().get(0).agentVersion());
        for (int i = 0; i < 5; i++) {
            Duration rtt = a.ping(b.localPeerId()).get(5, TimeUnit.SECONDS);
            assertTrue(rtt.toMillis() < 1000);
        }
        assertTrue(b.isConnected(a.localPeerId()));
        // a second connect reuses the live connection
        a.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        assertEquals(1, a.connections().size());
    }

    @Test
    void refusesAPeerIdThatDoesNotMatchTheKey() throws Exception {
        Host a = hosts.start();
        Host b = hosts.start();
        Host c = hosts.start();
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> a.connect(b.listenAddresses().get(0).withPeerId(c.localPeerId()))
                        .get(5, TimeUnit.SECONDS));
        assertTrue(
                e.getCause().getMessage().contains("peer id mismatch"),
                e.getCause().getMessage());
        // b still serves others
        assertEquals(b.localPeerId(), c.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS));
    }

    @Test
    void transfersSeveralMegabytesOnOneStreamWithFlowControl() throws Exception {
        Host a = hosts.start();
        Host b = hosts.start();
        b.registerHandler("/test/sink/1.0.0", stream -> {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long total = 0;
            while (true) {
                byte[] chunk = stream.read().get(10, TimeUnit.SECONDS);
                if (chunk.length == 0) {
                    break;
                }
                total += chunk.length;
                md.update(chunk);
                if (total < 1 << 20) {
                    Thread.sleep(1); // a slow reader at first: the sender must wait for window updates
                }
            }
            stream.write(md.digest()).get();
            stream.closeWrite();
        });
        a.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        P2pStream s = a.openStream(b.localPeerId(), List.of("/test/nope/1.0.0", "/test/sink/1.0.0"))
                .get(5, TimeUnit.SECONDS);
        assertEquals("/test/sink/1.0.0", s.protocol());
        byte[] data = new byte[8 * 1024 * 1024 + 123];
        new Random(1).nextBytes(data);
        for (int off = 0; off < data.length; off += 100_000) {
            byte[] part = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + 100_000));
            s.write(part).get(10, TimeUnit.SECONDS);
        }
        s.closeWrite();
        byte[] digest = s.readExactly(32).get(20, TimeUnit.SECONDS);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), digest);
    }

    @Test
    void messagesLargerThanTheWindowArrive() throws Exception {
        Host a = hosts.start();
        Host b = hosts.start();
        b.registerHandler("/test/echo-hash/1.0.0", stream -> {
            byte[] message = stream.readMessage(4 << 20).get(20, TimeUnit.SECONDS);
            byte[] exact = stream.readExactly(600_000).get(20, TimeUnit.SECONDS);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(message);
            md.update(exact);
            stream.writeMessage(md.digest()).get();
            stream.closeWrite();
        });
        a.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        P2pStream s =
                a.openStream(b.localPeerId(), List.of("/test/echo-hash/1.0.0")).get(5, TimeUnit.SECONDS);
        // both are over the 256 KiB yamux window: the reader must give window back for a message it waits on
        byte[] message = new byte[3 << 20];
        byte[] exact = new byte[600_000];
        Random random = new Random(2);
        random.nextBytes(message);
        random.nextBytes(exact);
        s.writeMessage(message).get(20, TimeUnit.SECONDS);
        s.write(exact).get(20, TimeUnit.SECONDS);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(message);
        md.update(exact);
        assertArrayEquals(md.digest(), s.readMessage(64).get(20, TimeUnit.SECONDS));
    }

    @Test
    void manyConcurrentStreams() throws Exception {
        Host a = hosts.start();
        Host b = hosts.start();
        b.registerHandler("/test/echo/1.0.0", stream -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            while (true) {
                byte[] chunk = stream.read().get(10, TimeUnit.SECONDS);
                if (chunk.length == 0) {
                    break;
                }
                all.writeBytes(chunk);
            }
            stream.write(all.toByteArray()).get();
            stream.closeWrite();
        });
        a.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] payload = ("stream " + i + " ").repeat(100 + i).getBytes();
            results.add(a.openStream(b.localPeerId(), List.of("/test/echo/1.0.0"))
                    .thenCompose(s -> s.write(payload)
                            .thenCompose(v -> s.closeWrite())
                            .thenCompose(v -> s.readExactly(payload.length))
                            .thenApply(echo -> java.util.Arrays.equals(echo, payload))));
        }
        for (CompletableFuture<Boolean> r : results) {
            assertTrue(r.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void unsupportedProtocolFailsOnlyThatStream() throws Exception {
        Host a = hosts.start();
        Host b = hosts.start();
        a.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> a.openStream(b.localPeerId(), List.of("/nobody/1.0.0")).get(5, TimeUnit.SECONDS));
        assertInstanceOf(ProtocolNotSupportedException.class, e.getCause());
        assertTrue(a.ping(b.localPeerId()).get(5, TimeUnit.SECONDS).toMillis() < 1000);
    }

    /** Issue 15: an inbound connection's ephemeral source port was stored and handed out as the peer's address. */
    @Test
    void onlyAnnouncedOrDialedAddressesAreKept() throws Exception {
        Host a = hosts.start();
        Host b = hosts.start();
        a.connect(b.listenAddresses().get(0)).get(5, java.util.concurrent.TimeUnit.SECONDS);
        TestHosts.await(
                "b identified a",
                java.time.Duration.ofSeconds(5),
                () -> !b.knownAddresses(a.localPeerId()).isEmpty());
        java.util.Set<org.hypertensor.p2p.api.Multiaddr> announced = new java.util.HashSet<>();
        a.listenAddresses().forEach(m -> announced.add(m.withoutPeerId()));
        for (org.hypertensor.p2p.api.Multiaddr m : b.knownAddresses(a.localPeerId())) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    announced.contains(m.withoutPeerId()), m + " is not one of a's listen addresses " + announced);
        }
        // the dialer keeps the address it dialed
        org.junit.jupiter.api.Assertions.assertTrue(a.knownAddresses(b.localPeerId()).stream()
                .anyMatch(
                        m -> m.withoutPeerId().equals(b.listenAddresses().get(0).withoutPeerId())));
    }
}

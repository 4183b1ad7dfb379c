package org.hypertensor.p2p.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.p2p.api.PubSubMessage;
import org.hypertensor.p2p.internal.gossip.GossipConfig;
import org.hypertensor.p2p.internal.gossip.GossipRouter;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.p2p.internal.protocol.IdentifyProtocol;
import org.hypertensor.p2p.internal.protocol.PingProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against js-libp2p 2.10 (interop/peer.mjs), both directions: Noise + yamux, identify, ping, big transfers. */
class JsInteropTest {

    static final String SINK = "/test/sink/1.0.0";
    private static final int BIG = 8 * 1024 * 1024 + 17;
    private static TestHosts hosts;
    private static JsPeer js;

    /** Reads a stream to its end and answers the SHA-256 of what it read (callbacks, no blocking). */
    static final ProtocolHandler SHA256_SINK = stream -> {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        CompletableFuture<byte[]> digest = new CompletableFuture<>();
        drain(stream, md, digest);
        digest.thenCompose(stream::write).thenCompose(v -> stream.closeWrite()).exceptionally(e -> {
            stream.reset();
            return null;
        });
    };

    private static void drain(P2pStream stream, MessageDigest md, CompletableFuture<byte[]> digest) {
        stream.read().whenComplete((chunk, e) -> {
            if (e != null) {
                digest.completeExceptionally(e);
            } else if (chunk.length == 0) {
                digest.complete(md.digest());
            } else {
                md.update(chunk);
                drain(stream, md, digest);
            }
        });
    }

    @BeforeAll
    static void startJs() throws Exception {
        js = JsPeer.start();
        hosts = new TestHosts();
    }

    @AfterAll
    static void stop() throws Exception {
        if (js != null) {
            js.close();
        }
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void javaDialsJs() throws Exception {
        Host java = hosts.start();
        PeerId peer = java.connect(js.address).get(10, TimeUnit.SECONDS);
        assertEquals(js.peerId, peer);
        TestHosts.await(
                "identify of the js peer",
                Duration.ofSeconds(10),
                () -> java.peerProtocols(js.peerId).contains(PingProtocol.ID));
        assertTrue(java.peerProtocols(js.peerId).contains(SINK));
        assertEquals("js-interop-peer/1.0.0", java.connections().get(0).agentVersion());
        assertJsIdentified(java);

        assertTrue(java.ping(js.peerId).get(10, TimeUnit.SECONDS).toMillis() < 2000);
        assertTrue(
                js.call("ping", "peer", java.localPeerId().toString()).get("ms").asDouble() < 2000);

        P2pStream s = java.openStream(js.peerId, List.of(SINK)).get(10, TimeUnit.SECONDS);
        byte[] data = new byte[BIG];
        new Random(7).nextBytes(data);
        for (int off = 0; off < data.length; off += 1 << 20) {
            s.write(Arrays.copyOfRange(data, off, Math.min(data.length, off + (1 << 20))))
                    .get(20, TimeUnit.SECONDS);
        }
        s.closeWrite();
        assertArrayEquals(
                MessageDigest.getInstance("SHA-256").digest(data),
                s.readExactly(32).get(30, TimeUnit.SECONDS));
    }

    @Test
    void jsDialsJava() throws Exception {
        Host java = hosts.start();
        java.registerHandler(SINK, SHA256_SINK);
        JsonNode dial = js.call("dial", "addr", java.listenAddresses().get(0).toString());
        assertEquals(java.localPeerId().toString(), dial.get("peer").asText());
        assertJsIdentified(java);
        TestHosts.await(
                "identify of the js peer",
                Duration.ofSeconds(10),
                () -> java.peerProtocols(js.peerId).contains(IdentifyProtocol.ID));

        assertTrue(
                js.call("ping", "peer", java.localPeerId().toString()).get("ms").asDouble() < 2000);
        assertTrue(java.ping(js.peerId).get(10, TimeUnit.SECONDS).toMillis() < 2000);

        JsonNode sent = js.call("send", "peer", java.localPeerId().toString(), "bytes", BIG, "seed", 12345);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(JsPeer.pseudoRandom(BIG, 12345));
        assertEquals(HexFormat.of().formatHex(expected), sent.get("sha256").asText(), "both sides agree on the data");
        assertEquals(sent.get("sha256").asText(), sent.get("reply").asText(), "Java read every byte js sent");
    }

    @Test
    void gossipBothWaysWhenJavaDials() throws Exception {
        gossipBothWays(true, "/hypertensor/interop/java-dials");
    }

    @Test
    void gossipBothWaysWhenJsDials() throws Exception {
        gossipBothWays(false, "/hypertensor/interop/js-dials");
    }

    private void gossipBothWays(boolean javaDials, String topic) throws Exception {
        Host java = hosts.start();
        GossipRouter router = new GossipRouter(java, GossipConfig.defaults());
        router.start();
        try {
            LinkedBlockingQueue<PubSubMessage> inbox = new LinkedBlockingQueue<>();
            router.subscribe(topic, inbox::add);
            js.call("subscribe", "topic", topic);
            if (javaDials) {
                java.connect(js.address).get(10, TimeUnit.SECONDS);
            } else {
                js.call("dial", "addr", java.listenAddresses().get(0).toString());
            }
            String id = java.localPeerId().toString();
            TestHosts.await("subscriptions exchanged and mesh formed", Duration.ofSeconds(15), () -> {
                try {
                    JsonNode mesh = js.call("meshPeers", "topic", topic);
                    return router.meshPeers(topic).contains(js.peerId)
                            && mesh.get("peers").toString().contains(id);
                } catch (Exception e) {
                    return false;
                }
            });
            router.publish(topic, "from java".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            JsonNode got = js.nextMessage(10_000);
            assertNotNull(got, "js received the Java message");
            assertEquals("from java", got.get("data").asText());
            assertEquals(id, got.get("from").asText());

            JsonNode pub = js.call("publish", "topic", topic, "data", "from js");
            assertTrue(pub.get("recipients").toString().contains(id));
            PubSubMessage m = inbox.poll(10, TimeUnit.SECONDS);
            assertNotNull(m, "Java received the js message");
            assertEquals("from js", new String(m.data(), StandardCharsets.UTF_8));
            assertEquals(js.peerId, m.from());
        } finally {
            router.close();
        }
    }

    private static void assertJsIdentified(Host java) throws Exception {
        String id = java.localPeerId().toString();
        TestHosts.await("js identifies us", Duration.ofSeconds(10), () -> {
            try {
                JsonNode info = js.call("peerInfo", "peer", id);
                boolean certified = false;
                for (JsonNode a : info.path("addresses")) {
                    certified |= a.path("certified").asBoolean()
                            && java.listenAddresses()
                                    .get(0)
                                    .withoutPeerId()
                                    .toString()
                                    .equals(a.path("addr").asText());
                }
                // the agent, the protocols, and our address from the signed peer record js verified
                return "hypertensor/0.1.0".equals(info.path("agent").asText())
                        && info.get("protocols").toString().contains(PingProtocol.ID)
                        && certified;
            } catch (Exception e) {
                return false;
            }
        });
    }
}

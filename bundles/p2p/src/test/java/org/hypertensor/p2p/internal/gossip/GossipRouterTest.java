package org.hypertensor.p2p.internal.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hypertensor.p2p.api.PubSubMessage;
import org.hypertensor.p2p.api.TopicValidator;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** gossipsub between real hosts on loopback. */
class GossipRouterTest {

    private static final String TOPIC = "/hypertensor/test/tx";
    private final TestHosts hosts = new TestHosts();
    private final List<GossipRouter> routers = new ArrayList<>();

    @AfterEach
    void close() {
        routers.forEach(GossipRouter::close);
        hosts.close();
    }

    private GossipRouter router(Host h) {
        GossipRouter r = new GossipRouter(h, GossipConfig.defaults());
        r.start();
        routers.add(r);
        return r;
    }

    @Test
    void messagesReachEveryNodeOfALineThroughTheMesh() throws Exception {
        List<Host> line = new ArrayList<>();
        List<GossipRouter> rs = new ArrayList<>();
        List<LinkedBlockingQueue<PubSubMessage>> inboxes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Host h = hosts.start();
            line.add(h);
            GossipRouter r = router(h);
            rs.add(r);
            LinkedBlockingQueue<PubSubMessage> q = new LinkedBlockingQueue<>();
            inboxes.add(q);
            r.subscribe(TOPIC, q::add);
        }
        for (int i = 0; i + 1 < line.size(); i++) {
            line.get(i).connect(line.get(i + 1).listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        }
        TestHosts.await(
                "mesh along the line",
                Duration.ofSeconds(10),
                () -> rs.get(1).meshPeers(TOPIC).size() == 2
                        && rs.get(2).meshPeers(TOPIC).size() == 2);
        rs.get(0).publish(TOPIC, "hello".getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
        for (int i = 1; i < 4; i++) {
            PubSubMessage m = inboxes.get(i).poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "node " + i + " got the message");
            assertEquals("hello", new String(m.data(), StandardCharsets.UTF_8));
            assertEquals(line.get(0).localPeerId(), m.from());
        }
        assertNull(inboxes.get(0).poll(300, TimeUnit.MILLISECONDS), "no echo to the author");
        assertNull(inboxes.get(3).poll(300, TimeUnit.MILLISECONDS), "delivered once");
    }

    @Test
    void peersOutsideTheMeshGetMessagesThroughIhaveAndIwant() throws Exception {
        // a hub whose mesh holds one peer: the others are pruned and must learn of messages from gossip
        GossipConfig d = GossipConfig.defaults();
        GossipConfig narrow = new GossipConfig(
                1,
                1,
                1,
                6,
                d.heartbeat(),
                d.fanoutTtl(),
                d.historyLength(),
                d.historyGossip(),
                d.seenTtl(),
                d.pruneBackoff(),
                d.maxMessageSize(),
                d.maxInvalid(),
                d.banDuration());
        Host hub = hosts.start();
        GossipRouter hubRouter = new GossipRouter(hub, narrow);
        hubRouter.start();
        routers.add(hubRouter);
        hubRouter.subscribe(TOPIC, m -> {});
        Host origin = hosts.start();
        GossipRouter originRouter = router(origin);
        originRouter.subscribe(TOPIC, m -> {});
        origin.connect(hub.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        List<LinkedBlockingQueue<PubSubMessage>> inboxes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Host leaf = hosts.start();
            LinkedBlockingQueue<PubSubMessage> q = new LinkedBlockingQueue<>();
            inboxes.add(q);
            router(leaf).subscribe(TOPIC, q::add);
            leaf.connect(hub.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        }
        TestHosts.await(
                "hub sees 4 subscribers",
                Duration.ofSeconds(5),
                () -> hubRouter.topicPeers(TOPIC).size() == 4);
        // heartbeats: the hub prunes its mesh down to one peer
        TestHosts.await(
                "the hub's mesh pruned to one peer",
                Duration.ofSeconds(10),
                () -> hubRouter.meshPeers(TOPIC).size() == 1);
        originRouter
                .publish(TOPIC, "via gossip".getBytes(StandardCharsets.UTF_8))
                .get(5, TimeUnit.SECONDS);
        for (LinkedBlockingQueue<PubSubMessage> q : inboxes) {
            PubSubMessage m = q.poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "every leaf gets the message, in the mesh or through IHAVE/IWANT");
            assertEquals("via gossip", new String(m.data(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void rejectedMessagesAreDroppedAndPenalized() throws Exception {
        Host a = hosts.start();
        Host b = hosts.start();
        GossipRouter ra = router(a);
        GossipRouter rb =
                new GossipRouter(b, GossipConfig.defaults().withLimits(1024 * 1024, 3, Duration.ofMinutes(1)));
        rb.start();
        routers.add(rb);
        LinkedBlockingQueue<PubSubMessage> inbox = new LinkedBlockingQueue<>();
        rb.subscribe(TOPIC, inbox::add);
        rb.addValidator(
                TOPIC,
                m -> m.data()[0] == 'x'
                        ? TopicValidator.Result.REJECT
                        : m.data()[0] == 'i' ? TopicValidator.Result.IGNORE : TopicValidator.Result.ACCEPT);
        ra.subscribe(TOPIC, m -> {});
        a.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
        TestHosts.await(
                "b sees a's subscription",
                Duration.ofSeconds(5),
                () -> ra.topicPeers(TOPIC).size() == 1);
        ra.publish(TOPIC, "ok".getBytes()).get();
        assertEquals("ok", new String(inbox.poll(5, TimeUnit.SECONDS).data()));
        ra.publish(TOPIC, "ignored".getBytes()).get();
        ra.publish(TOPIC, "x1".getBytes()).get();
        assertNull(inbox.poll(500, TimeUnit.MILLISECONDS));
        assertTrue(a.isConnected(b.localPeerId()));
        ra.publish(TOPIC, "x2".getBytes()).get();
        ra.publish(TOPIC, "x3".getBytes()).get();
        TestHosts.await(
                "a banned after 3 rejections",
                Duration.ofSeconds(5),
                () -> b.bans().isBanned(a.localPeerId()));
        TestHosts.await("a disconnected", Duration.ofSeconds(5), () -> !b.isConnected(a.localPeerId()));
        // A banned peer's reconnection is closed as soon as its identity is known.
        a.connect(b.listenAddresses().get(0)).handle((p, e) -> null).get(5, TimeUnit.SECONDS);
        TestHosts.await("the reconnection closed", Duration.ofSeconds(5), () -> !a.isConnected(b.localPeerId()));
        assertFalse(b.isConnected(a.localPeerId()));
    }

    /** Issue 15: 12 invalid messages over 12 connections once earned no ban (the count reset on reconnect). */
    @Test
    void penaltiesSurviveReconnections() throws Exception {
        Host a = hosts.start();
        Host b = hosts.start();
        GossipRouter rb =
                new GossipRouter(b, GossipConfig.defaults().withLimits(1024 * 1024, 3, Duration.ofMinutes(30)));
        rb.start();
        routers.add(rb);
        rb.subscribe(TOPIC, m -> {});
        rb.addValidator(TOPIC, m -> TopicValidator.Result.REJECT);
        GossipRouter ra = router(a);
        ra.subscribe(TOPIC, m -> {});
        for (int round = 1; round <= 3; round++) {
            a.connect(b.listenAddresses().get(0)).get(5, TimeUnit.SECONDS);
            TestHosts.await(
                    "a sees b's subscription",
                    Duration.ofSeconds(5),
                    () -> ra.topicPeers(TOPIC).size() == 1);
            ra.publish(TOPIC, ("bad" + round).getBytes(StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            int expected = round;
            if (round < 3) {
                TestHosts.await(
                        "penalty " + round, Duration.ofSeconds(5), () -> rb.penalties(a.localPeerId()) == expected);
                a.disconnect(b.localPeerId());
                TestHosts.await("disconnected", Duration.ofSeconds(5), () -> !b.isConnected(a.localPeerId()));
                TestHosts.await(
                        "b forgot a's subscription",
                        Duration.ofSeconds(5),
                        () -> rb.topicPeers(TOPIC).isEmpty());
            }
        }
        TestHosts.await(
                "a banned after 3 rejections over 3 connections",
                Duration.ofSeconds(5),
                () -> b.bans().isBanned(a.localPeerId()));
    }
}

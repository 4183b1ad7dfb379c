package org.hypertensor.dht.internal.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.api.DhtPeer;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.admission.EpochAdmission;
import org.hypertensor.dht.internal.records.RecordSignatures;
import org.hypertensor.dht.internal.wire.KadMessage;
import org.hypertensor.dht.internal.wire.KadMessage.Type;
import org.hypertensor.dht.internal.wire.RecordSetCodec;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Several real DHT nodes on loopback sockets: discovery through one boot peer, put/get, find, providers, bad input. */
class LoopbackDhtTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final LoopbackNodes nodes = new LoopbackNodes();

    @AfterEach
    void close() {
        nodes.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private List<LoopbackNodes.Node> network(int n) throws Exception {
        List<LoopbackNodes.Node> all = new ArrayList<>();
        LoopbackNodes.Node boot = nodes.start(List.of(), p -> true);
        all.add(boot);
        for (int i = 1; i < n; i++) {
            LoopbackNodes.Node node = nodes.start(List.of(boot.address()), p -> true);
            await(node.dht().bootstrap());
            all.add(node);
        }
        return all;
    }

    @Test
    void nodesDiscoverEachOtherThroughOneBootPeerAndShareRecords() throws Exception {
        List<LoopbackNodes.Node> net = network(5);
        LoopbackNodes.Node first = net.get(1);
        await(first.dht().bootstrap()); // learns the nodes that joined after it
        assertTrue(
                first.dht().routingTable().size() >= 3,
                "node 1 knows most peers: " + first.dht().routingTable());
        assertTrue(
                first.dht().routingTable().stream()
                        .anyMatch(p -> p.peer().equals(net.get(4).peer())),
                "node 1 found node 4, which it was never told about");

        List<DhtRecord> seen = new CopyOnWriteArrayList<>();
        net.get(3).dht().subscribe(utf8("/hypertensor/test/"), seen::add);

        byte[] key = utf8("/hypertensor/test/greeting");
        int stored = await(first.dht().put(key, new byte[0], utf8("hello"), Duration.ofHours(1)));
        assertTrue(stored >= 3, "stored at " + stored + " peers");
        List<DhtRecord> got = await(net.get(4).dht().get(key));
        assertEquals(1, got.size());
        assertEquals("hello", new String(got.get(0).value(), StandardCharsets.UTF_8));
        assertTrue(RecordSignatures.verify(got.get(0)));
        TestHosts.await("the subscriber hears of the record", WAIT, () -> !seen.isEmpty());

        // Subkeys: two publishers announce under one key; a newer put replaces only its own entry.
        byte[] block = utf8("/hypertensor/7/block/3");
        await(net.get(2).dht().put(block, utf8("server-a"), utf8("a1"), Duration.ofHours(1)));
        await(net.get(3).dht().put(block, utf8("server-b"), utf8("b1"), Duration.ofHours(1)));
        await(net.get(2).dht().put(block, utf8("server-a"), utf8("a2"), Duration.ofHours(1)));
        List<String> values = await(net.get(0).dht().get(block)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
        assertEquals(List.of("a2", "b1"), values);

        // Peers and providers.
        Optional<DhtPeer> found = await(net.get(4).dht().findPeer(net.get(2).peer()));
        assertTrue(found.isPresent() && !found.get().addresses().isEmpty(), "found with addresses: " + found);
        byte[] model = utf8("model-manifest-hash");
        assertTrue(await(net.get(1).dht().provide(model)) >= 1);
        List<DhtPeer> providers = await(net.get(4).dht().providers(model));
        assertEquals(
                List.of(net.get(1).peer()),
                providers.stream().map(DhtPeer::peer).toList());
    }

    /** Sends raw bytes as one LP message on a Kademlia stream and returns the answer, or fails if reset. */
    private static KadMessage raw(LoopbackNodes.Node from, LoopbackNodes.Node to, byte[] message) throws Exception {
        P2pStream s = await(from.host().openStream(to.peer(), List.of(Dht.PROTOCOL)));
        s.writeMessage(message);
        try {
            return KadMessage.decode(await(s.readMessage(1 << 20)));
        } finally {
            s.reset();
        }
    }

    private static byte[] putMessage(DhtRecord r) {
        return new KadMessage(
                        Type.PUT_VALUE,
                        r.key(),
                        new KadMessage.Record(
                                r.key(),
                                RecordSetCodec.encode(List.of(r)),
                                Instant.now().toString()),
                        List.of(),
                        List.of())
                .encode();
    }

    @Test
    void badInputIsRefusedAndCountedAndTheNodeStaysHealthy() throws Exception {
        List<LoopbackNodes.Node> net = network(2);
        LoopbackNodes.Node server = net.get(0);
        LoopbackNodes.Node client = net.get(1);
        KadStats stats = server.dht().stats();
        byte[] key = utf8("/hypertensor/bad");
        long now = System.currentTimeMillis();

        assertThrows(ExecutionException.class, () -> raw(client, server, new byte[] {0x08, 0x77, 0x12})); // malformed
        assertThrows(
                ExecutionException.class,
                () -> raw(
                        client,
                        server,
                        KadMessage.request(Type.GET_VALUE, new byte[0]).encode()));
        DhtRecord big = RecordSignatures.sign(client.key(), key, new byte[0], new byte[20_000], 1, now + 60_000);
        assertThrows(ExecutionException.class, () -> raw(client, server, putMessage(big)));
        DhtRecord good = RecordSignatures.sign(client.key(), key, new byte[0], utf8("v"), 2, now + 60_000);
        DhtRecord forged = new DhtRecord(
                key, new byte[0], utf8("w"), good.publisher(), 2, good.expiresAtMillis(), good.signature());
        assertThrows(ExecutionException.class, () -> raw(client, server, putMessage(forged)));
        DhtRecord expired = RecordSignatures.sign(client.key(), key, new byte[0], utf8("v"), 3, now - 1);
        assertThrows(ExecutionException.class, () -> raw(client, server, putMessage(expired)));
        assertEquals(1, stats.get("refused.put.TOO_LARGE"));
        assertEquals(1, stats.get("refused.put.BAD_SIGNATURE"));
        assertEquals(1, stats.get("refused.put.EXPIRED"));
        assertEquals(2, stats.get("refused.malformed"));

        // A flood of PUTs from one peer stops at its quota (1 MiB by default): each entry ~ 10 KiB.
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < 130; i++) {
            DhtRecord r = RecordSignatures.sign(
                    client.key(), utf8("/hypertensor/flood/" + i), new byte[0], new byte[10_000], 1, now + 60_000);
            try {
                raw(client, server, putMessage(r));
                accepted++;
            } catch (ExecutionException e) {
                refused++;
            }
        }
        assertTrue(accepted >= 90 && accepted <= 105, "accepted up to the quota: " + accepted);
        assertEquals(refused, stats.get("refused.put.QUOTA_EXCEEDED"));

        // Still healthy: a good request is answered.
        KadMessage reply = raw(
                client,
                server,
                KadMessage.request(Type.FIND_NODE, client.peer().toBytes()).encode());
        assertEquals(Type.FIND_NODE, reply.type());
        assertEquals(good.value().length, 1);
        raw(client, server, putMessage(good));
        assertEquals(1, server.dht().node().store().get(key).size());
    }

    @Test
    void peersThatAreNotAdmittedAreRefusedAndNeverEnterTheTable() throws Exception {
        LoopbackNodes.Node outsider = nodes.start(List.of(), p -> true);
        PeerId outsiderId = outsider.peer();
        LoopbackNodes.Node guarded = nodes.start(List.of(), p -> !p.equals(outsiderId));
        LoopbackNodes.Node member = nodes.start(List.of(guarded.address()), p -> true);
        await(member.dht().bootstrap());
        assertTrue(guarded.dht().routingTable().stream().anyMatch(p -> p.peer().equals(member.peer())));

        outsider.host().connect(guarded.address()).get(10, TimeUnit.SECONDS);
        assertThrows(
                ExecutionException.class,
                () -> raw(
                        outsider,
                        guarded,
                        KadMessage.request(Type.FIND_NODE, outsiderId.toBytes()).encode()));
        assertEquals(1, guarded.dht().stats().get("refused.not-admitted"));
        assertFalse(guarded.dht().routingTable().stream().anyMatch(p -> p.peer().equals(outsiderId)));
        assertTrue(guarded.host().ping(outsiderId).get(10, TimeUnit.SECONDS).toNanos() > 0, "plain ping still works");

        guarded.dht().evict(List.of(member.peer()));
        assertFalse(guarded.dht().routingTable().stream().anyMatch(p -> p.peer().equals(member.peer())));
    }

    @Test
    void aPeerThatLosesItsStakeIsEvictedAtTheNextEpochAndRefusedAfter() throws Exception {
        java.util.Set<String> registry = java.util.concurrent.ConcurrentHashMap.newKeySet();
        EpochAdmission admission = new EpochAdmission(false);
        admission.setLookup(id -> registry.contains(id) ? Optional.of(1L) : Optional.empty(), 10);
        LoopbackNodes.Node guarded =
                nodes.start(List.of(), p -> admission.check(p).admitted());
        LoopbackNodes.Node staked = nodes.start(List.of(guarded.address()), p -> true);
        LoopbackNodes.Node unstaked = nodes.start(List.of(guarded.address()), p -> true);
        registry.add(staked.peer().toBase58());
        await(staked.dht().bootstrap());
        await(unstaked.dht().bootstrap());
        List<PeerId> table = guarded.dht().routingPeers();
        assertTrue(table.contains(staked.peer()) && !table.contains(unstaked.peer()), "only the staked peer: " + table);
        assertTrue(guarded.dht().stats().get("refused.not-admitted") >= 1);

        registry.remove(staked.peer().toBase58()); // deregistered on chain during epoch 10
        assertTrue(guarded.dht().routingPeers().contains(staked.peer()), "kept until the epoch ends");
        guarded.dht().evict(admission.newEpoch(11, guarded.dht().routingPeers()));
        assertFalse(guarded.dht().routingPeers().contains(staked.peer()), "evicted at epoch 11");
        long refused = guarded.dht().stats().get("refused.not-admitted");
        assertThrows(
                ExecutionException.class,
                () -> raw(
                        staked,
                        guarded,
                        KadMessage.request(Type.FIND_NODE, staked.peer().toBytes())
                                .encode()));
        assertEquals(refused + 1, guarded.dht().stats().get("refused.not-admitted"));
    }

    @Test
    void ownRecordsAreRepublishedWithANewSequenceUntilUnpublished() throws Exception {
        List<LoopbackNodes.Node> net = network(3);
        byte[] key = utf8("/hypertensor/7/block/9");
        byte[] subkey = utf8("me");
        await(net.get(1).dht().put(key, subkey, utf8("serving"), Duration.ofMinutes(30)));
        LoopbackNodes.Node peer = net.get(2);
        long first = peer.dht().node().store().get(key).get(0).sequence();
        net.get(1).dht().republish();
        DhtRecord again = peer.dht().node().store().get(key).get(0);
        assertTrue(again.sequence() > first, "republished with a higher sequence");
        assertEquals(1, peer.dht().node().store().get(key).size(), "replacing, not adding, the entry");
        net.get(1).dht().unpublish(key, subkey);
        net.get(1).dht().republish();
        assertEquals(again, peer.dht().node().store().get(key).get(0), "no longer republished");
    }
}

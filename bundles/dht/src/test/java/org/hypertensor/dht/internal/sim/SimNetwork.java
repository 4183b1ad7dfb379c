package org.hypertensor.dht.internal.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.lookup.KadRpc;
import org.hypertensor.dht.internal.node.KademliaNode;
import org.hypertensor.dht.internal.records.RecordStore;
import org.hypertensor.dht.internal.routing.Contact;
import org.hypertensor.dht.internal.routing.NodeId;
import org.hypertensor.dht.internal.routing.RoutingTable;

/**
 * An in-memory network for many real {@link KademliaNode}s: requests and replies are events on a
 * virtual clock with random one-way latency; a killed node never answers, so its callers time out.
 * Single-threaded and seeded, so a run is fast and repeatable.
 */
final class SimNetwork {

    static final long TIMEOUT_MS = 1_000;

    private record Event(long at, long seq, Runnable action) {}

    private final PriorityQueue<Event> queue =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private final Map<String, KademliaNode> nodes = new LinkedHashMap<>();
    private final Set<String> dead = new HashSet<>();
    private final Random random;
    private final int minLatency;
    private final int maxLatency;
    private long now = 1_000_000;
    private long seq;
    long messages;
    long pings;

    SimNetwork(long seed, int minLatencyMs, int maxLatencyMs) {
        this.random = new Random(seed);
        this.minLatency = minLatencyMs;
        this.maxLatency = maxLatencyMs;
    }

    long now() {
        return now;
    }

    Random random() {
        return random;
    }

    KademliaNode add(String name) {
        Contact contact = new Contact(NodeId.hashOf(name.getBytes(StandardCharsets.UTF_8)), name);
        KademliaNode node = new KademliaNode(
                contact,
                new RoutingTable(contact.id(), KademliaNode.K, c -> true),
                new RecordStore(RecordStore.Limits.DEFAULT, this::now),
                rpcFrom(contact),
                this::now,
                random);
        nodes.put(name, node);
        return node;
    }

    List<KademliaNode> alive() {
        List<KademliaNode> out = new ArrayList<>();
        nodes.forEach((name, node) -> {
            if (!dead.contains(name)) {
                out.add(node);
            }
        });
        return out;
    }

    void kill(KademliaNode node) {
        dead.add(node.self().peer());
    }

    boolean isAlive(Contact c) {
        return nodes.containsKey(c.peer()) && !dead.contains(c.peer());
    }

    void at(long delayMs, Runnable action) {
        queue.add(new Event(now + delayMs, seq++, action));
    }

    /** Runs events until none is left; returns the virtual time spent. */
    long runUntilIdle() {
        long start = now;
        while (!queue.isEmpty()) {
            Event e = queue.poll();
            now = e.at;
            e.action.run();
        }
        return now - start;
    }

    private long latency() {
        return minLatency + random.nextInt(maxLatency - minLatency + 1);
    }

    private KadRpc rpcFrom(Contact from) {
        return new KadRpc() {
            @Override
            public CompletableFuture<List<Contact>> findNode(Contact to, NodeId target) {
                return call(to, n -> n.onFindNode(from, target));
            }

            @Override
            public CompletableFuture<Void> ping(Contact to) {
                pings++;
                return call(to, n -> {
                    n.onPing(from);
                    return null;
                });
            }

            @Override
            public CompletableFuture<Boolean> putValue(Contact to, DhtRecord record) {
                return call(to, n -> n.onPutValue(from, record) == RecordStore.Verdict.ACCEPTED);
            }

            @Override
            public CompletableFuture<List<DhtRecord>> getValue(Contact to, byte[] key) {
                return call(to, n -> n.onGetValue(from, key));
            }

            @Override
            public CompletableFuture<Void> addProvider(Contact to, byte[] key) {
                return call(to, n -> {
                    n.onAddProvider(from, key, List.of());
                    return null;
                });
            }

            @Override
            public CompletableFuture<List<String>> getProviders(Contact to, byte[] key) {
                return call(
                        to,
                        n -> n.onGetProviders(from, key).stream()
                                .map(p -> p.peer())
                                .toList());
            }

            private <T> CompletableFuture<T> call(Contact to, Function<KademliaNode, T> handler) {
                CompletableFuture<T> reply = new CompletableFuture<>();
                long out = latency();
                messages++;
                at(out, () -> {
                    KademliaNode target = nodes.get(to.peer());
                    if (target == null || dead.contains(to.peer())) {
                        at(TIMEOUT_MS - out, () -> reply.completeExceptionally(new TimeoutException(to.peer())));
                        return;
                    }
                    T answer = handler.apply(target);
                    messages++;
                    at(latency(), () -> reply.complete(answer));
                });
                return reply;
            }
        };
    }
}

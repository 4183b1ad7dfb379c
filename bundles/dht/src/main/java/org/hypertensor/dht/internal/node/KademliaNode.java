package org.hypertensor.dht.internal.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.lookup.IterativeLookup;
import org.hypertensor.dht.internal.lookup.KadRpc;
import org.hypertensor.dht.internal.records.ProviderStore;
import org.hypertensor.dht.internal.records.RecordStore;
import org.hypertensor.dht.internal.routing.Contact;
import org.hypertensor.dht.internal.routing.NodeId;
import org.hypertensor.dht.internal.routing.RoutingTable;

/**
 * One Kademlia node: answers peers' requests from its routing table and record store, and runs
 * lookups, joins, puts and gets through a {@link KadRpc}. Transport-independent: the p2p bundle
 * carries the requests on libp2p streams, the simulator in memory.
 */
public final class KademliaNode {

    public static final int K = 20;
    public static final int ALPHA = 3;

    private final Contact self;
    private final RoutingTable table;
    private final RecordStore store;
    private final ProviderStore providers;
    private final KadRpc rpc;
    private final LongSupplier clock;
    private final RandomGenerator random;

    public KademliaNode(
            Contact self,
            RoutingTable table,
            RecordStore store,
            KadRpc rpc,
            LongSupplier clockMillis,
            RandomGenerator random) {
        this(self, table, store, new ProviderStore(48L * 3600 * 1000, 64, 4096, clockMillis), rpc, clockMillis, random);
    }

    public KademliaNode(
            Contact self,
            RoutingTable table,
            RecordStore store,
            ProviderStore providers,
            KadRpc rpc,
            LongSupplier clockMillis,
            RandomGenerator random) {
        this.self = self;
        this.table = table;
        this.store = store;
        this.providers = providers;
        this.rpc = rpc;
        this.clock = clockMillis;
        this.random = random;
    }

    public Contact self() {
        return self;
    }

    public RoutingTable table() {
        return table;
    }

    public RecordStore store() {
        return store;
    }

    public ProviderStore providers() {
        return providers;
    }

    // ---- requests from peers ----

    public List<Contact> onFindNode(Contact from, NodeId target) {
        heard(from);
        return table.closest(target, K);
    }

    public void onPing(Contact from) {
        heard(from);
    }

    public RecordStore.Verdict onPutValue(Contact from, DhtRecord record) {
        heard(from);
        return store.put(record, from.peer());
    }

    public List<DhtRecord> onGetValue(Contact from, byte[] key) {
        heard(from);
        return store.get(key);
    }

    /** ADD_PROVIDER from {@code from} about itself; false if a limit refused it. */
    public boolean onAddProvider(Contact from, byte[] key, List<byte[]> addrs) {
        heard(from);
        return providers.add(key, from.peer(), addrs);
    }

    public List<ProviderStore.Provider> onGetProviders(Contact from, byte[] key) {
        heard(from);
        return providers.get(key);
    }

    // ---- what this node does ----

    /** The k closest live peers to {@code target}. */
    public CompletableFuture<IterativeLookup.Result> lookup(NodeId target) {
        return IterativeLookup.start(
                target,
                self.id(),
                table.closest(target, K),
                rpc,
                K,
                ALPHA,
                this::heard,
                dead -> table.remove(dead.id()));
    }

    /** Enters the network through one known peer: find our neighbours, then fill the farther buckets. */
    public CompletableFuture<Void> join(Contact bootstrap) {
        heard(bootstrap);
        return refresh();
    }

    /** Looks up our own id, then a random id in each bucket farther than our nearest neighbour. */
    public CompletableFuture<Void> refresh() {
        return lookup(self.id()).thenCompose(found -> {
            int nearest = found.closest().isEmpty()
                    ? 0
                    : self.id().commonPrefixLength(found.closest().get(0).id());
            List<CompletableFuture<?>> refreshes = new ArrayList<>();
            for (int bucket = 0; bucket < Math.min(nearest, NodeId.MAX_RANDOM_PREFIX + 1); bucket++) {
                refreshes.add(lookup(self.id().randomInBucket(bucket, random)));
            }
            return CompletableFuture.allOf(refreshes.toArray(CompletableFuture[]::new));
        });
    }

    /** Stores a record at the k closest peers to its key; completes with how many accepted it. */
    public CompletableFuture<Integer> put(DhtRecord record) {
        return lookup(NodeId.hashOf(record.key())).thenCompose(found -> {
            List<CompletableFuture<Boolean>> puts = new ArrayList<>();
            for (Contact c : found.closest()) {
                puts.add(rpc.putValue(c, record).exceptionally(e -> false));
            }
            return CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new))
                    .thenApply(v ->
                            (int) puts.stream().filter(CompletableFuture::join).count());
        });
    }

    /** The valid records under {@code key} from the k closest peers, merged (per subkey the newest). */
    public CompletableFuture<List<DhtRecord>> get(byte[] key) {
        return lookup(NodeId.hashOf(key)).thenCompose(found -> {
            List<CompletableFuture<List<DhtRecord>>> gets = new ArrayList<>();
            for (Contact c : found.closest()) {
                gets.add(rpc.getValue(c, key).exceptionally(e -> List.of()));
            }
            return CompletableFuture.allOf(gets.toArray(CompletableFuture[]::new))
                    .thenApply(v -> {
                        List<DhtRecord> all = new ArrayList<>(store.get(key));
                        gets.forEach(g -> all.addAll(g.join()));
                        return RecordStore.merge(all, clock.getAsLong());
                    });
        });
    }

    /** Announces us as a provider of {@code key} to the k closest peers; completes with how many were told. */
    public CompletableFuture<Integer> provide(byte[] key) {
        return lookup(NodeId.hashOf(key)).thenCompose(found -> {
            List<CompletableFuture<Boolean>> adds = new ArrayList<>();
            for (Contact c : found.closest()) {
                adds.add(rpc.addProvider(c, key).thenApply(v -> true).exceptionally(e -> false));
            }
            return CompletableFuture.allOf(adds.toArray(CompletableFuture[]::new))
                    .thenApply(v ->
                            (int) adds.stream().filter(CompletableFuture::join).count());
        });
    }

    /** The providers (transport names) of {@code key} known to the k closest peers and to us, sorted. */
    public CompletableFuture<List<String>> findProviders(byte[] key) {
        return lookup(NodeId.hashOf(key)).thenCompose(found -> {
            List<CompletableFuture<List<String>>> asks = new ArrayList<>();
            for (Contact c : found.closest()) {
                asks.add(rpc.getProviders(c, key).exceptionally(e -> List.of()));
            }
            return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
                    .thenApply(v -> {
                        java.util.TreeSet<String> all = new java.util.TreeSet<>();
                        providers.get(key).forEach(p -> all.add(p.peer()));
                        asks.forEach(a -> all.addAll(a.join()));
                        return List.copyOf(all);
                    });
        });
    }

    /** Notes a peer we learnt of outside a request (a connection, a boot peer). */
    public void observe(Contact contact) {
        heard(contact);
    }

    /**
     * Notes that a peer is alive. If its bucket is full, the oldest peer there is pinged and replaced
     * by this one only if it does not answer.
     */
    private void heard(Contact contact) {
        if (table.observe(contact) instanceof RoutingTable.Outcome.BucketFull full) {
            rpc.ping(full.oldest()).whenComplete((ok, error) -> {
                if (error != null) {
                    table.replace(full.oldest(), contact);
                } else {
                    table.observe(full.oldest());
                }
            });
        }
    }
}

package org.hypertensor.dht.internal.net;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.api.DhtPeer;
import org.hypertensor.dht.api.DhtRecord;
import org.hypertensor.dht.internal.node.KademliaNode;
import org.hypertensor.dht.internal.records.ProviderStore;
import org.hypertensor.dht.internal.records.RecordSignatures;
import org.hypertensor.dht.internal.records.RecordStore;
import org.hypertensor.dht.internal.routing.Contact;
import org.hypertensor.dht.internal.routing.NodeId;
import org.hypertensor.dht.internal.routing.RoutingTable;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerConnection;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.util.concurrent.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kademlia node on the libp2p host: the protocol handler for inbound requests, the client for
 * outbound ones, and the timers that bootstrap from boot peers and connected peers, refresh the buckets,
 * republish our own records and sweep expired ones. Implements the {@link Dht} API; works without OSGi
 * (the component and the tests create it the same way).
 */
public final class DhtEngine implements Dht, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DhtEngine.class);
    private static final long EMPTY_TABLE_RETRY_MS = 3_000;
    /** When to look at a new connection's identify answer for our protocol. */
    private static final long[] IDENTIFY_CHECKS_MS = {300, 1_500, 5_000};

    private record Own(byte[] key, byte[] subkey, byte[] value, Duration ttl) {}

    private record Sub(byte[] prefix, Consumer<DhtRecord> listener) {}

    private final P2pNetwork p2p;
    private final Signer key;
    private final DhtSettings settings;
    private final Predicate<PeerId> admitted;
    private final KadStats stats = new KadStats();
    private final AddressBook addresses;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final KademliaNode node;
    private final KadHandler handler;
    private final Map<String, Own> own = new ConcurrentHashMap<>();
    private final List<Sub> subscriptions = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private long lastSequence;

    public DhtEngine(P2pNetwork p2p, Signer key, DhtSettings settings, Predicate<PeerId> admitted) {
        this(p2p, key, settings, admitted, Clock.systemUTC());
    }

    /** With the clock that dates records, expiries and request envelopes (tests give a fixed or stepped one). */
    public DhtEngine(P2pNetwork p2p, Signer key, DhtSettings settings, Predicate<PeerId> admitted, Clock clock) {
        this.clock = clock;
        this.p2p = p2p;
        this.key = key;
        this.settings = settings;
        this.admitted = admitted;
        this.addresses = new AddressBook(p2p);
        this.workers = Executors.newFixedThreadPool(2, NamedThreads.numbered("dht-worker"));
        this.timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.numbered("dht-timer"));
        Contact self = Contacts.of(p2p.localPeerId());
        RoutingTable table = new RoutingTable(self.id(), KademliaNode.K, c -> admitted.test(Contacts.peerOf(c)));
        RecordStore store = new RecordStore(settings.limits(), clock::millis);
        store.onStored(this::notifySubscribers);
        ProviderStore providers = new ProviderStore(
                settings.providerTtl().toMillis(),
                settings.maxProvidersPerKey(),
                settings.maxProvidedKeysPerPeer(),
                clock::millis);
        KadClient client = new KadClient(
                p2p,
                settings.protocol(),
                addresses,
                settings.requestTimeout(),
                settings.maxMessageBytes(),
                workers,
                stats,
                admitted,
                clock);
        this.node = new KademliaNode(
                self, table, store, providers, client, clock::millis, new java.security.SecureRandom());
        this.handler = new KadHandler(
                node, p2p, addresses, admitted, settings.requestTimeout(), settings.maxMessageBytes(), stats, clock);
    }

    /**
     * Starts the timers: bootstrap now and at every refresh (and every few seconds while the routing
     * table is empty, e.g. until the p2p host reaches its boot peers), republish, sweep.
     */
    public void start() {
        timer.scheduleWithFixedDelay(
                this::bootstrapQuietly, 0, settings.refreshInterval().toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                () -> {
                    if (node.table().size() == 0) {
                        bootstrapQuietly();
                    }
                },
                EMPTY_TABLE_RETRY_MS,
                EMPTY_TABLE_RETRY_MS,
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                this::republish,
                settings.republishInterval().toMillis(),
                settings.republishInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(
                () -> {
                    node.store().sweep();
                    node.providers().sweep();
                },
                1,
                1,
                TimeUnit.MINUTES);
    }

    public KadHandler handler() {
        return handler;
    }

    public KademliaNode node() {
        return node;
    }

    public KadStats stats() {
        return stats;
    }

    public String protocol() {
        return settings.protocol();
    }

    /**
     * Dials the boot peers, adds connected peers that speak our protocol, then refreshes the buckets.
     * Completes when the refresh lookups are done.
     */
    public CompletableFuture<Void> bootstrap() {
        List<CompletableFuture<?>> dials = new ArrayList<>();
        for (Multiaddr boot : settings.bootPeers()) {
            if (boot.peerId().map(p -> p.equals(p2p.localPeerId())).orElse(false)) {
                continue;
            }
            dials.add(p2p.connect(boot)
                    .thenAccept(peer -> {
                        addresses.learn(peer, List.of(boot.withoutPeerId().toBytes()));
                        node.observe(Contacts.of(peer));
                    })
                    .exceptionally(e -> {
                        LOG.debug("Boot peer {} not reachable: {}", boot, e.getMessage());
                        return null;
                    }));
        }
        return CompletableFuture.allOf(dials.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            for (PeerConnection c : p2p.connections()) {
                if (c.protocols().contains(settings.protocol())) {
                    node.observe(Contacts.of(c.peer()));
                }
            }
            return node.table().size() == 0 ? CompletableFuture.completedFuture(null) : node.refresh();
        });
    }

    private void bootstrapQuietly() {
        try {
            bootstrap().get(settings.requestTimeout().toMillis() * 6, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("DHT refresh incomplete: {}", e.toString());
        }
    }

    /**
     * A new connection: once identify lists our protocol, the peer enters the routing table (if admitted);
     * the first such peer also starts a bucket refresh, so a node joins as soon as it reaches anyone.
     */
    public void connected(PeerId peer) {
        for (long delay : IDENTIFY_CHECKS_MS) {
            try {
                timer.schedule(() -> learnConnected(peer), delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closing
            }
        }
    }

    private void learnConnected(PeerId peer) {
        Contact c = Contacts.of(peer);
        if (node.table().find(c.id()).isPresent() || !p2p.peerProtocols(peer).contains(settings.protocol())) {
            return;
        }
        boolean first = node.table().size() == 0;
        node.observe(c);
        if (first && node.table().size() > 0) {
            workers.execute(this::bootstrapQuietly);
        }
    }

    /** Removes peers from the routing table (they lost their stake). */
    public void evict(List<PeerId> peers) {
        for (PeerId p : peers) {
            if (node.table().remove(Contacts.of(p).id())) {
                LOG.info("Evicted {} from the DHT routing table: no longer staked", p.shortString());
            }
        }
    }

    public List<PeerId> routingPeers() {
        return node.table().contacts().stream().map(Contacts::peerOf).toList();
    }

    // ---- the API ----

    @Override
    public CompletableFuture<Integer> put(byte[] recordKey, byte[] subkey, byte[] value, Duration ttl) {
        if (ttl.isNegative()
                || ttl.isZero()
                || ttl.toMillis() > settings.limits().maxTtlMillis()) {
            throw new IllegalArgumentException(
                    "a record lives 1 ms to " + settings.limits().maxTtlMillis() / 3_600_000 + " h, not " + ttl);
        }
        DhtRecord record = sign(recordKey, subkey, value, ttl);
        if (record.size() > settings.limits().maxRecordBytes()) {
            throw new IllegalArgumentException("record of " + record.size() + " bytes is over the limit of "
                    + settings.limits().maxRecordBytes());
        }
        own.put(slot(recordKey, subkey), new Own(recordKey.clone(), subkey.clone(), value.clone(), ttl));
        node.store().putOwn(record, p2p.localPeerId().toBase58());
        return node.put(record);
    }

    private synchronized DhtRecord sign(byte[] recordKey, byte[] subkey, byte[] value, Duration ttl) {
        long now = clock.millis();
        lastSequence = Math.max(lastSequence + 1, now); // grows across restarts too
        return RecordSignatures.sign(key, recordKey, subkey, value, lastSequence, now + ttl.toMillis());
    }

    private static String slot(byte[] k, byte[] subkey) {
        return java.util.HexFormat.of().formatHex(k) + "/"
                + java.util.HexFormat.of().formatHex(subkey);
    }

    @Override
    public void unpublish(byte[] recordKey, byte[] subkey) {
        own.remove(slot(recordKey, subkey));
    }

    /** Puts our records again, newly signed, at the current k closest peers. */
    void republish() {
        for (Own o : own.values()) {
            try {
                DhtRecord r = sign(o.key(), o.subkey(), o.value(), o.ttl());
                node.store().putOwn(r, p2p.localPeerId().toBase58());
                node.put(r).get(settings.requestTimeout().toMillis() * 6, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                LOG.debug("Republish incomplete: {}", e.toString());
            }
        }
    }

    @Override
    public CompletableFuture<List<DhtRecord>> get(byte[] recordKey) {
        return node.get(recordKey);
    }

    @Override
    public CompletableFuture<Integer> provide(byte[] providedKey) {
        node.providers()
                .add(
                        providedKey,
                        p2p.localPeerId().toBase58(),
                        p2p.listenAddresses().stream()
                                .map(a -> a.withoutPeerId().toBytes())
                                .toList());
        return node.provide(providedKey);
    }

    @Override
    public CompletableFuture<List<DhtPeer>> providers(byte[] providedKey) {
        return node.findProviders(providedKey).thenApply(names -> {
            List<DhtPeer> out = new ArrayList<>();
            for (String n : names) {
                PeerId p = PeerId.parse(n);
                out.add(peer(p));
            }
            return out;
        });
    }

    @Override
    public CompletableFuture<Optional<DhtPeer>> findPeer(PeerId peer) {
        if (peer.equals(p2p.localPeerId())) {
            return CompletableFuture.completedFuture(Optional.of(new DhtPeer(
                    peer,
                    p2p.listenAddresses().stream().map(Multiaddr::withoutPeerId).toList(),
                    -1)));
        }
        Contact target = Contacts.of(peer);
        return node.lookup(target.id())
                .thenApply(r -> r.closest().contains(target) || p2p.isConnected(peer)
                        ? Optional.of(peer(peer))
                        : Optional.empty());
    }

    @Override
    public CompletableFuture<List<DhtPeer>> closestPeers(byte[] k) {
        return node.lookup(NodeId.hashOf(k))
                .thenApply(r ->
                        r.closest().stream().map(c -> peer(Contacts.peerOf(c))).toList());
    }

    @Override
    public List<DhtPeer> routingTable() {
        return node.table().contacts().stream()
                .map(c -> peer(Contacts.peerOf(c)))
                .toList();
    }

    private DhtPeer peer(PeerId p) {
        Contact c = Contacts.of(p);
        int bucket = node.table().find(c.id()).isPresent() ? node.self().id().commonPrefixLength(c.id()) : -1;
        return new DhtPeer(p, addresses.addresses(p), bucket);
    }

    @Override
    public Subscription subscribe(byte[] keyPrefix, Consumer<DhtRecord> listener) {
        Sub s = new Sub(keyPrefix.clone(), listener);
        subscriptions.add(s);
        return () -> subscriptions.remove(s);
    }

    private void notifySubscribers(DhtRecord r) {
        for (Sub s : subscriptions) {
            if (r.key().length >= s.prefix().length
                    && Arrays.equals(r.key(), 0, s.prefix().length, s.prefix(), 0, s.prefix().length)) {
                workers.execute(() -> {
                    try {
                        s.listener().accept(r);
                    } catch (RuntimeException e) {
                        LOG.warn("A DHT subscriber failed on {}: {}", r, e.toString());
                    }
                });
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }
}

package org.hypertensor.p2p.internal.gossip;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.hypertensor.p2p.api.GossipCounters;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.p2p.api.PubSub;
import org.hypertensor.p2p.api.PubSubMessage;
import org.hypertensor.p2p.api.TopicValidator;
import org.hypertensor.p2p.internal.host.Connection;
import org.hypertensor.p2p.internal.host.ConnectionListener;
import org.hypertensor.p2p.internal.host.Host;
import org.hypertensor.util.concurrent.NamedThreads;
import org.hypertensor.util.proto.MalformedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gossipsub v1.1. Every piece of routing state lives on one thread ("gossip"); stream callbacks and API
 * calls hop onto it. Each side writes RPCs on its own outbound stream and reads the peer's on an inbound
 * one. Messages must be signed (StrictSign) and pass the topic's validators before they are delivered or
 * forwarded; invalid ones count against the peer that sent them, which is banned past the limit.
 */
public final class GossipRouter implements PubSub, GossipCounters, ConnectionListener, AutoCloseable {

    public static final String MESHSUB = "/meshsub/1.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(GossipRouter.class);
    private static final int MAX_IHAVE_IDS = 5000;
    private static final int MAX_IWANT_REPLY = 500;
    private static final int MAX_QUEUED_RPCS = 16_384;
    private static final int BATCH_BYTES = 60 * 1024;
    private static final Duration IDLE_STREAM = Duration.ofDays(1);

    private final Host host;
    private final GossipConfig config;
    private final ScheduledExecutorService loop;
    private final ExecutorService delivery;
    private final Random random = new Random();
    private final Map<PeerId, PeerState> peers = new HashMap<>();
    private final Map<String, List<Sub>> subscriptions = new HashMap<>();
    private final Map<String, Set<PeerId>> mesh = new HashMap<>();
    private final Map<String, Set<PeerId>> fanout = new HashMap<>();
    private final Map<String, Long> fanoutLastPublish = new HashMap<>();
    private final Map<String, Map<PeerId, Long>> backoff = new HashMap<>();
    private final Map<String, List<TopicValidator>> validators = new ConcurrentHashMap<>();
    private final MessageCache cache;
    /** Per peer id, across reconnections; one penalty forgiven per banDuration / maxInvalid. */
    private final PenaltyBook penalties;

    private final LinkedHashMap<MessageId, Long> seen = new LinkedHashMap<>();
    private final AtomicLong seqno = new AtomicLong(ThreadLocalRandom.current().nextLong() & 0x7FFF_FFFF_FFFF_0000L);
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ProtocolHandler handler = this::inbound;

    /** What we know about one gossip peer. */
    private static final class PeerState {
        final PeerId id;
        final Set<String> topics = new TreeSet<>();
        final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        P2pStream out;
        boolean opening;
        int inFlight;
        final Set<String> logged = new HashSet<>();

        PeerState(PeerId id) {
            this.id = id;
        }
    }

    private final class Sub implements Subscription {
        final String topic;
        final Consumer<PubSubMessage> handler;

        Sub(String topic, Consumer<PubSubMessage> handler) {
            this.topic = topic;
            this.handler = handler;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public void close() {
            execute(() -> unsubscribe(this));
        }
    }

    public GossipRouter(Host host, GossipConfig config) {
        this.host = host;
        this.config = config;
        this.cache = new MessageCache(config.historyLength(), config.historyGossip());
        this.penalties =
                new PenaltyBook(config.banDuration().toNanos() / Math.max(1, config.maxInvalid()), System::nanoTime);
        this.loop = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("gossip"));
        this.delivery = Executors.newSingleThreadExecutor(NamedThreads.single("gossip-delivery"));
    }

    public void start() {
        host.addListener(this);
        host.registerHandler(MESHSUB, handler, 0); // reads asynchronously: never blocks
        long hb = config.heartbeat().toMillis();
        loop.scheduleAtFixedRate(this::heartbeat, hb, hb, TimeUnit.MILLISECONDS);
        for (Connection c : host.liveConnections()) {
            connected(c);
        }
    }

    @Override
    public void close() {
        host.removeListener(this);
        host.unregisterHandler(MESHSUB, handler);
        loop.shutdownNow();
        delivery.shutdownNow();
    }

    public long deliveredCount() {
        return delivered.get();
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public long sent() {
        return sent.get();
    }

    @Override
    public long refused() {
        return refused.get();
    }

    // ---- PubSub API

    @Override
    public Subscription subscribe(String topic, Consumer<PubSubMessage> handler) {
        checkTopic(topic);
        Sub s = new Sub(topic, handler);
        execute(() -> {
            List<Sub> list = subscriptions.computeIfAbsent(topic, t -> new ArrayList<>());
            list.add(s);
            if (list.size() == 1) {
                announce(topic, true);
                join(topic);
            }
        });
        return s;
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] data) {
        checkTopic(topic);
        if (data.length > config.maxMessageSize()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "message of " + data.length + " bytes is over the limit of " + config.maxMessageSize()));
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        byte[] seq = new byte[8];
        long n = seqno.incrementAndGet();
        for (int i = 0; i < 8; i++) {
            seq[i] = (byte) (n >>> (56 - 8 * i));
        }
        WireMessage m = WireMessage.signed(host.key(), data.clone(), seq, topic);
        execute(() -> {
            MessageId id = m.id();
            seen.put(id, System.nanoTime());
            cache.put(id, m);
            sent.incrementAndGet();
            // flood publishing (v1.1): every subscribed peer gets our own messages
            Rpc rpc = Rpc.empty();
            rpc.publish().add(m);
            byte[] bytes = rpc.encode();
            for (PeerState p : peers.values()) {
                if (p.topics.contains(topic)) {
                    send(p, bytes);
                }
            }
            if (!subscriptions.containsKey(topic)) {
                fanoutLastPublish.put(topic, System.nanoTime());
                fanout.computeIfAbsent(topic, t -> new HashSet<>());
            }
            f.complete(null);
        });
        return f;
    }

    @Override
    public void addValidator(String topic, TopicValidator validator) {
        validators.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(validator);
    }

    @Override
    public void removeValidator(String topic, TopicValidator validator) {
        List<TopicValidator> list = validators.get(topic);
        if (list != null) {
            list.remove(validator);
        }
    }

    @Override
    public List<String> topics() {
        return call(() -> new ArrayList<>(new TreeSet<>(subscriptions.keySet())));
    }

    @Override
    public List<PeerId> meshPeers(String topic) {
        return call(() -> new ArrayList<>(new TreeSet<>(mesh.getOrDefault(topic, Set.of()))));
    }

    @Override
    public List<PeerId> topicPeers(String topic) {
        return call(() -> {
            List<PeerId> out = new ArrayList<>();
            peers.values().forEach(p -> {
                if (p.topics.contains(topic)) {
                    out.add(p.id);
                }
            });
            Collections.sort(out);
            return out;
        });
    }

    // ---- connections

    @Override
    public void connected(Connection connection) {
        execute(() -> peers.computeIfAbsent(connection.peer(), PeerState::new));
    }

    @Override
    public void identified(PeerId peer) {
        if (host.peerProtocols(peer).contains(MESHSUB)) {
            execute(() -> openOutbound(peers.computeIfAbsent(peer, PeerState::new)));
        }
    }

    @Override
    public void disconnected(Connection connection) {
        PeerId peer = connection.peer();
        execute(() -> {
            if (host.isConnected(peer)) {
                return;
            }
            peers.remove(peer);
            mesh.values().forEach(s -> s.remove(peer));
            fanout.values().forEach(s -> s.remove(peer));
        });
    }

    private void openOutbound(PeerState p) {
        if (p.out != null || p.opening || !host.isConnected(p.id)) {
            return;
        }
        p.opening = true;
        host.openStream(p.id, List.of(MESHSUB))
                .whenComplete((s, e) -> execute(() -> {
                    p.opening = false;
                    if (e != null) {
                        LOG.debug("No gossip stream to {}: {}", p.id.shortString(), e.getMessage());
                        return;
                    }
                    s.setTimeout(IDLE_STREAM);
                    p.out = s;
                    s.closed()
                            .thenRun(() -> execute(() -> {
                                if (p.out == s) {
                                    p.out = null;
                                }
                            }));
                    Rpc hello = Rpc.empty();
                    for (String t : new TreeSet<>(subscriptions.keySet())) {
                        hello.subscriptions().add(new Rpc.Sub(true, t));
                    }
                    if (!hello.isEmpty()) {
                        p.queue.addFirst(hello.encode());
                    }
                    drain(p);
                }));
    }

    /** Serves a peer's inbound gossip stream: one RPC after another until it closes. */
    private void inbound(P2pStream stream) {
        stream.setTimeout(IDLE_STREAM);
        PeerId from = stream.remotePeer();
        execute(() -> openOutbound(peers.computeIfAbsent(from, PeerState::new)));
        readNext(stream, from);
    }

    private void readNext(P2pStream stream, PeerId from) {
        stream.readMessage(config.maxRpcSize()).whenComplete((bytes, e) -> {
            if (e != null) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                if (c instanceof MalformedInputException) {
                    execute(() -> penalize(from, "oversized RPC (" + c.getMessage() + "); stream reset"));
                }
                return;
            }
            execute(() -> handleRpc(from, bytes));
            readNext(stream, from);
        });
    }

    // ---- RPC handling (gossip thread)

    private void handleRpc(PeerId from, byte[] bytes) {
        PeerState p = peers.computeIfAbsent(from, PeerState::new);
        Rpc rpc;
        try {
            rpc = Rpc.decode(bytes);
        } catch (MalformedInputException | IllegalArgumentException e) {
            penalize(from, "undecodable RPC: " + e.getMessage());
            return;
        }
        for (Rpc.Sub s : rpc.subscriptions()) {
            if (s.subscribe()) {
                p.topics.add(s.topic());
            } else {
                p.topics.remove(s.topic());
                Set<PeerId> m = mesh.get(s.topic());
                if (m != null) {
                    m.remove(from);
                }
            }
        }
        for (WireMessage m : rpc.publish()) {
            handleMessage(p, m);
        }
        Rpc reply = Rpc.empty();
        for (Rpc.IHave h : rpc.ihave()) {
            if (!subscriptions.containsKey(h.topic())) {
                continue;
            }
            for (byte[] id : h.ids()) {
                if (reply.iwant().size() >= MAX_IHAVE_IDS) {
                    break;
                }
                if (!seen.containsKey(new MessageId(id))) {
                    reply.iwant().add(id);
                }
            }
        }
        for (byte[] id : rpc.iwant()) {
            WireMessage m = cache.get(new MessageId(id));
            if (m != null && reply.publish().size() < MAX_IWANT_REPLY) {
                reply.publish().add(m);
            }
        }
        for (String topic : rpc.graft()) {
            Set<PeerId> m = mesh.get(topic);
            if (m == null || inBackoff(topic, from) || m.size() >= config.dHigh()) {
                reply.prune().add(new Rpc.Prune(topic, config.pruneBackoff().toSeconds()));
                setBackoff(topic, from);
            } else {
                m.add(from);
            }
        }
        for (Rpc.Prune pr : rpc.prune()) {
            Set<PeerId> m = mesh.get(pr.topic());
            if (m != null) {
                m.remove(from);
            }
            long secs = Math.max(pr.backoffSeconds(), config.pruneBackoff().toSeconds());
            backoff.computeIfAbsent(pr.topic(), t -> new HashMap<>())
                    .put(from, System.nanoTime() + secs * 1_000_000_000L);
        }
        if (!reply.isEmpty()) {
            send(p, reply.encode());
        }
    }

    private void handleMessage(PeerState p, WireMessage m) {
        if (m.data().length > config.maxMessageSize()) {
            refused.incrementAndGet();
            penalize(p.id, "message of " + m.data().length + " bytes over the limit");
            return;
        }
        MessageId id = m.id();
        if (seen.containsKey(id)) {
            return;
        }
        seen.put(id, System.nanoTime());
        PeerId author;
        try {
            author = m.verify();
        } catch (MalformedInputException | IllegalArgumentException e) {
            refused.incrementAndGet();
            penalize(p.id, e.getMessage());
            return;
        }
        if (author.equals(host.localPeerId()) || !subscriptions.containsKey(m.topic())) {
            return;
        }
        PubSubMessage pm = new PubSubMessage(author, m.data(), m.seqno(), m.topic(), p.id);
        TopicValidator.Result verdict = validate(pm);
        if (verdict == TopicValidator.Result.REJECT) {
            refused.incrementAndGet();
            penalize(p.id, "message rejected by the topic's validator");
            return;
        }
        if (verdict == TopicValidator.Result.IGNORE) {
            return;
        }
        cache.put(id, m);
        received.incrementAndGet();
        List<Sub> subs = List.copyOf(subscriptions.getOrDefault(m.topic(), List.of()));
        delivery.execute(() -> {
            for (Sub s : subs) {
                try {
                    s.handler.accept(pm);
                } catch (RuntimeException e) {
                    LOG.warn("Subscriber of {} failed: {}", m.topic(), e.toString());
                }
            }
            delivered.incrementAndGet();
        });
        Rpc fwd = Rpc.empty();
        fwd.publish().add(m);
        byte[] bytes = null;
        for (PeerId target : mesh.getOrDefault(m.topic(), Set.of())) {
            if (target.equals(p.id) || target.equals(author)) {
                continue;
            }
            PeerState t = peers.get(target);
            if (t != null) {
                if (bytes == null) {
                    bytes = fwd.encode();
                    sent.incrementAndGet();
                }
                send(t, bytes);
            }
        }
    }

    private TopicValidator.Result validate(PubSubMessage m) {
        TopicValidator.Result result = TopicValidator.Result.ACCEPT;
        for (TopicValidator v : validators.getOrDefault(m.topic(), List.of())) {
            TopicValidator.Result r;
            try {
                r = v.validate(m);
            } catch (RuntimeException e) {
                LOG.warn("Validator of {} failed: {}; ignoring the message", m.topic(), e.toString());
                r = TopicValidator.Result.IGNORE;
            }
            if (r == TopicValidator.Result.REJECT) {
                return r;
            }
            if (r == TopicValidator.Result.IGNORE) {
                result = r;
            }
        }
        return result;
    }

    private void penalize(PeerId peer, String why) {
        PeerState p = peers.computeIfAbsent(peer, PeerState::new);
        int invalid = penalties.add(peer);
        String kind = why.replaceAll("[0-9]+", "#");
        if (p.logged.add(kind)) {
            LOG.warn("Gossip from {}: {} (penalty {}/{})", peer.shortString(), why, invalid, config.maxInvalid());
        }
        if (invalid >= config.maxInvalid()) {
            host.ban(peer, config.banDuration(), invalid + " invalid gossip messages");
            penalties.forget(peer);
            peers.remove(peer);
            mesh.values().forEach(s -> s.remove(peer));
        }
    }

    // ---- mesh maintenance (gossip thread)

    private void join(String topic) {
        Set<PeerId> m = new HashSet<>();
        Set<PeerId> f = fanout.remove(topic);
        fanoutLastPublish.remove(topic);
        if (f != null) {
            m.addAll(f);
        }
        mesh.put(topic, m);
        List<PeerState> candidates = candidates(topic, m);
        for (PeerState p : candidates) {
            if (m.size() >= config.d()) {
                break;
            }
            m.add(p.id);
        }
        for (PeerId id : m) {
            graft(peers.get(id), topic);
        }
    }

    private void unsubscribe(Sub s) {
        List<Sub> list = subscriptions.get(s.topic);
        if (list == null || !list.remove(s) || !list.isEmpty()) {
            return;
        }
        subscriptions.remove(s.topic);
        announce(s.topic, false);
        Set<PeerId> m = mesh.remove(s.topic);
        if (m != null) {
            for (PeerId id : m) {
                PeerState p = peers.get(id);
                if (p != null) {
                    Rpc rpc = Rpc.empty();
                    rpc.prune().add(new Rpc.Prune(s.topic, config.pruneBackoff().toSeconds()));
                    send(p, rpc.encode());
                }
            }
        }
    }

    private void announce(String topic, boolean subscribe) {
        Rpc rpc = Rpc.empty();
        rpc.subscriptions().add(new Rpc.Sub(subscribe, topic));
        byte[] bytes = rpc.encode();
        peers.values().forEach(p -> send(p, bytes));
    }

    private void graft(PeerState p, String topic) {
        if (p != null) {
            Rpc rpc = Rpc.empty();
            rpc.graft().add(topic);
            send(p, rpc.encode());
        }
    }

    /** Peers of the topic we may graft: not excluded, not in a prune backoff; shuffled. */
    private List<PeerState> candidates(String topic, Set<PeerId> exclude) {
        List<PeerState> out = topicPeersExcept(topic, exclude);
        out.removeIf(p -> inBackoff(topic, p.id));
        return out;
    }

    /** Peers of the topic outside {@code exclude}, shuffled (gossip goes to pruned peers too). */
    private List<PeerState> topicPeersExcept(String topic, Set<PeerId> exclude) {
        List<PeerState> out = new ArrayList<>();
        for (PeerState p : peers.values()) {
            if (p.topics.contains(topic) && !exclude.contains(p.id)) {
                out.add(p);
            }
        }
        Collections.shuffle(out, random);
        return out;
    }

    /** Invalid messages counted against {@code peer} now (they decay; kept across reconnections). */
    public int penalties(PeerId peer) {
        try {
            return CompletableFuture.supplyAsync(() -> penalties.count(peer), loop)
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return -1;
        }
    }

    private void heartbeat() {
        penalties.prune();
        try {
            long now = System.nanoTime();
            Map<PeerState, Rpc> control = new HashMap<>();
            for (Map.Entry<String, Set<PeerId>> e : mesh.entrySet()) {
                String topic = e.getKey();
                Set<PeerId> m = e.getValue();
                m.removeIf(id -> !peers.containsKey(id) || !peers.get(id).topics.contains(topic));
                if (m.size() < config.dLow()) {
                    for (PeerState p : candidates(topic, m)) {
                        if (m.size() >= config.d()) {
                            break;
                        }
                        m.add(p.id);
                        control.computeIfAbsent(p, x -> Rpc.empty()).graft().add(topic);
                    }
                }
                if (m.size() > config.dHigh()) {
                    List<PeerId> list = new ArrayList<>(m);
                    Collections.shuffle(list, random);
                    for (PeerId id : list.subList(config.d(), list.size())) {
                        m.remove(id);
                        setBackoff(topic, id);
                        PeerState p = peers.get(id);
                        if (p != null) {
                            control.computeIfAbsent(p, x -> Rpc.empty())
                                    .prune()
                                    .add(new Rpc.Prune(
                                            topic, config.pruneBackoff().toSeconds()));
                        }
                    }
                }
            }
            long ttl = config.fanoutTtl().toNanos();
            fanoutLastPublish.entrySet().removeIf(e -> {
                boolean expired = now - e.getValue() > ttl;
                if (expired) {
                    fanout.remove(e.getKey());
                }
                return expired;
            });
            for (Map.Entry<String, Set<PeerId>> e : fanout.entrySet()) {
                Set<PeerId> f = e.getValue();
                f.removeIf(id -> !peers.containsKey(id) || !peers.get(id).topics.contains(e.getKey()));
                for (PeerState p : candidates(e.getKey(), f)) {
                    if (f.size() >= config.d()) {
                        break;
                    }
                    f.add(p.id);
                }
            }
            emitGossip(control);
            control.forEach((p, rpc) -> send(p, rpc.encode()));
            cache.shift();
            long seenTtl = config.seenTtl().toNanos();
            Iterator<Map.Entry<MessageId, Long>> it = seen.entrySet().iterator();
            while (it.hasNext() && now - it.next().getValue() > seenTtl) {
                it.remove();
            }
            backoff.values().forEach(b -> b.values().removeIf(until -> until - now < 0));
            for (PeerState p : peers.values()) {
                if (p.out == null && host.peerProtocols(p.id).contains(MESHSUB)) {
                    openOutbound(p);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Gossip heartbeat failed: {}", e.toString());
        }
    }

    private void emitGossip(Map<PeerState, Rpc> control) {
        Set<String> topics = new TreeSet<>(mesh.keySet());
        topics.addAll(fanout.keySet());
        for (String topic : topics) {
            List<MessageId> ids = cache.gossipIds(topic);
            if (ids.isEmpty()) {
                continue;
            }
            Set<PeerId> exclude = new HashSet<>(mesh.getOrDefault(topic, Set.of()));
            exclude.addAll(fanout.getOrDefault(topic, Set.of()));
            List<PeerState> targets = topicPeersExcept(topic, exclude);
            List<byte[]> idBytes = new ArrayList<>();
            for (MessageId id : ids.subList(0, Math.min(ids.size(), MAX_IHAVE_IDS))) {
                idBytes.add(id.bytes());
            }
            for (PeerState p : targets.subList(0, Math.min(config.dLazy(), targets.size()))) {
                control.computeIfAbsent(p, x -> Rpc.empty()).ihave().add(new Rpc.IHave(topic, idBytes));
            }
        }
    }

    private boolean inBackoff(String topic, PeerId peer) {
        Map<PeerId, Long> b = backoff.get(topic);
        Long until = b == null ? null : b.get(peer);
        return until != null && until - System.nanoTime() > 0;
    }

    private void setBackoff(String topic, PeerId peer) {
        backoff.computeIfAbsent(topic, t -> new HashMap<>())
                .put(peer, System.nanoTime() + config.pruneBackoff().toNanos());
    }

    // ---- sending (gossip thread): in order, on the peer's outbound stream, bounded

    private void send(PeerState p, byte[] rpc) {
        if (p.queue.size() >= MAX_QUEUED_RPCS) {
            if (p.logged.add("queue-full")) {
                LOG.warn("Gossip to {} is backed up; dropping RPCs", p.id.shortString());
            }
            return;
        }
        p.queue.add(rpc);
        if (p.out == null) {
            openOutbound(p);
        } else {
            drain(p);
        }
    }

    /**
     * Writes queued RPCs. Consecutive RPCs are joined into one (protobuf concatenation merges their
     * repeated fields), so a burst costs a few large writes rather than one write per message.
     */
    private void drain(PeerState p) {
        while (p.out != null && !p.queue.isEmpty() && p.inFlight < 16) {
            byte[] rpc = p.queue.poll();
            if (!p.queue.isEmpty() && rpc.length < BATCH_BYTES) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream();
                batch.writeBytes(rpc);
                while (!p.queue.isEmpty() && batch.size() + p.queue.peek().length <= BATCH_BYTES) {
                    batch.writeBytes(p.queue.poll());
                }
                rpc = batch.toByteArray();
            }
            p.inFlight++;
            P2pStream s = p.out;
            s.writeMessage(rpc)
                    .whenComplete((v, e) -> execute(() -> {
                        p.inFlight--;
                        if (e != null && p.out == s) {
                            p.out = null;
                            s.reset();
                        }
                        drain(p);
                    }));
        }
    }

    // ---- plumbing

    private void execute(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("Gossip task failed: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private <T> T call(Callable<T> task) {
        try {
            return loop.submit(task).get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException("gossip router not responding: " + e);
        }
    }

    private static void checkTopic(String topic) {
        if (topic == null || topic.isEmpty() || topic.length() > 1024) {
            throw new IllegalArgumentException("a topic has 1 to 1024 characters");
        }
    }
}

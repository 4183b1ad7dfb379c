package org.hypertensor.p2p.internal.host;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertensor.p2p.api.AdmissionHook;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerConnection;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.p2p.api.StakedPeers;
import org.hypertensor.p2p.internal.identity.NodeKey;
import org.hypertensor.p2p.internal.noise.NoiseIdentity;
import org.hypertensor.p2p.internal.protocol.IdentifyProtocol;
import org.hypertensor.p2p.internal.protocol.PingProtocol;
import org.hypertensor.p2p.internal.transport.UpgradeCallback;
import org.hypertensor.p2p.internal.transport.UpgradeHandler;
import org.hypertensor.p2p.internal.yamux.YamuxConfig;
import org.hypertensor.p2p.internal.yamux.YamuxSession;
import org.hypertensor.p2p.internal.yamux.YamuxStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libp2p host: listens and dials over TCP, upgrades connections (Noise, yamux), serves registered
 * protocols on inbound streams and opens streams to peers. Keeps the connection table, reuses a live
 * connection per peer, enforces the connection limit, the ban list and the admission hooks, and closes
 * connections that stay idle.
 */
public final class Host implements P2pNetwork, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Host.class);
    /** Secured connections beyond the limit that may wait for their slot decision (admission, stake). */
    private static final int PENDING_HEADROOM = 32;

    private final NodeKey key;
    private final HostConfig config;
    private final Clock clock;
    private final ConnectionSlots slots;
    private volatile StakedPeers stakedPeers;
    private final SecureRandom random = new SecureRandom();
    private final ProtocolRegistry protocols = new ProtocolRegistry();
    private final PeerStore peerStore = new PeerStore(10_000);
    private final BanList bans = new BanList(Clock.systemUTC());
    /** Refused connections: one WARN line per reason a minute, the rest counted. */
    private final RefusalLog refusals = new RefusalLog(Clock.systemUTC(), 60_000);

    private final List<AdmissionHook> admissionHooks = new CopyOnWriteArrayList<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<PeerId, List<Connection>> connections = new ConcurrentHashMap<>();
    private final Map<PeerId, CompletableFuture<PeerId>> dialing = new ConcurrentHashMap<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final IdentifyProtocol identify;
    private final PingProtocol ping = new PingProtocol();
    private final YamuxConfig yamuxConfig;
    private final NoiseIdentity noise;
    private volatile EventLoopGroup group;
    private final List<Channel> servers = new ArrayList<>();
    private volatile List<Multiaddr> listenAddresses = List.of();

    public Host(NodeKey key, HostConfig config) {
        this(key, config, Clock.systemUTC());
    }

    /** {@code clock} times idle unstaked connections (tests move it). */
    public Host(NodeKey key, HostConfig config, Clock clock) {
        this.key = key;
        this.config = config;
        this.clock = clock;
        this.slots = new ConnectionSlots(config.maxConnections(), config.maxUnstaked());
        this.yamuxConfig = new YamuxConfig(config.maxWindow(), config.maxStreams(), config.streamTimeout());
        this.identify = new IdentifyProtocol(this, Clock.systemUTC());
        this.noise = NoiseIdentity.create(key, List.of(UpgradeHandler.YAMUX), random);
        // these never block: they run on the I/O thread that negotiated the stream
        protocols.register(IdentifyProtocol.ID, identify::respond, ProtocolExecution.inline());
        protocols.register(IdentifyProtocol.PUSH, identify::receivePush, ProtocolExecution.inline());
        protocols.register(PingProtocol.ID, ping::respond, ProtocolExecution.inline());
        protocols.onChange(this::protocolsChanged);
    }

    /** Binds the listen addresses (one that cannot be bound is skipped with a warning) and starts the idle check. */
    public synchronized void start() {
        group = new NioEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("p2p-io", true));
        List<Multiaddr> bound = new ArrayList<>();
        for (Multiaddr addr : config.listen()) {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("upgrade", upgradeHandler(false, null, null));
                        }
                    });
            InetSocketAddress sa = addr.toTcpSocketAddress();
            if (sa.isUnresolved()) {
                sa = new InetSocketAddress(sa.getHostString(), sa.getPort());
            }
            try {
                Channel ch = b.bind(sa).syncUninterruptibly().channel();
                servers.add(ch);
                int port = ((InetSocketAddress) ch.localAddress()).getPort();
                bound.addAll(expand(Multiaddr.tcp(new InetSocketAddress(sa.getAddress(), port))));
            } catch (Exception e) {
                // e.g. the port is taken: keep the other addresses (or dial out only) rather than fail
                LOG.warn("Cannot listen on {}: {}", addr, e.getMessage());
            }
        }
        listenAddresses = bound.stream().map(a -> a.withPeerId(key.peerId())).toList();
        long idleCheck = Math.max(100, Math.min(10_000, config.idleTimeout().toMillis() / 2));
        group.next().scheduleAtFixedRate(this::closeIdle, idleCheck, idleCheck, TimeUnit.MILLISECONDS);
        long pruneCheck = Math.max(100, Math.min(10_000, config.unstakedIdle().toMillis() / 4));
        group.next().scheduleAtFixedRate(this::pruneIdleUnstaked, pruneCheck, pruneCheck, TimeUnit.MILLISECONDS);
        LOG.info("p2p host {} listening on {}", key.peerId(), listenAddresses);
    }

    @Override
    public synchronized void close() {
        for (Channel s : servers) {
            s.close();
        }
        servers.clear();
        for (Connection c : liveConnections()) {
            c.channel().close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
        protocols.close();
    }

    // ---- accessors for the protocols

    public NodeKey key() {
        return key;
    }

    public HostConfig config() {
        return config;
    }

    public ProtocolRegistry protocols() {
        return protocols;
    }

    public PeerStore peerStore() {
        return peerStore;
    }

    public BanList bans() {
        return bans;
    }

    public PingProtocol pingProtocol() {
        return ping;
    }

    public void addAdmissionHook(AdmissionHook hook) {
        admissionHooks.add(hook);
    }

    public void removeAdmissionHook(AdmissionHook hook) {
        admissionHooks.remove(hook);
    }

    /** Who tells staked peers apart (null: every peer counts as unstaked). */
    public void setStakedPeers(StakedPeers staked) {
        this.stakedPeers = staked;
    }

    /** Admitted connections: all, and those of unstaked inbound peers. */
    public int[] slotsHeld() {
        return new int[] {slots.held(), slots.unstakedInbound()};
    }

    public void addListener(ConnectionListener l) {
        listeners.add(l);
    }

    public void removeListener(ConnectionListener l) {
        listeners.remove(l);
    }

    public void fireIdentified(PeerId peer) {
        listeners.forEach(l -> l.identified(peer));
    }

    public List<Connection> liveConnections() {
        List<Connection> out = new ArrayList<>();
        connections.values().forEach(out::addAll);
        return out;
    }

    /** The oldest live connection to the peer, if any. */
    public Connection connection(PeerId peer) {
        List<Connection> list = connections.get(peer);
        if (list != null) {
            for (Connection c : list) {
                if (c.isOpen()) {
                    return c;
                }
            }
        }
        return null;
    }

    // ---- P2pNetwork

    @Override
    public org.hypertensor.crypto.api.Signer identity() {
        return key;
    }

    @Override
    public PeerId localPeerId() {
        return key.peerId();
    }

    @Override
    public List<Multiaddr> listenAddresses() {
        return listenAddresses;
    }

    @Override
    public CompletableFuture<PeerId> connect(Multiaddr address) {
        PeerId expected;
        InetSocketAddress target;
        try {
            expected = address.peerId().orElse(null);
            target = address.toTcpSocketAddress();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (expected != null) {
            if (expected.equals(key.peerId())) {
                return CompletableFuture.failedFuture(new IOException("cannot dial ourselves"));
            }
            if (bans.isBanned(expected)) {
                return CompletableFuture.failedFuture(new IOException("peer " + expected + " is banned"));
            }
            if (connection(expected) != null) {
                return CompletableFuture.completedFuture(expected);
            }
            CompletableFuture<PeerId> pending = dialing.get(expected);
            if (pending != null) {
                return pending;
            }
        }
        CompletableFuture<PeerId> result = new CompletableFuture<>();
        if (expected != null) {
            CompletableFuture<PeerId> prior = dialing.putIfAbsent(expected, result);
            if (prior != null) {
                return prior;
            }
            result.whenComplete((p, e) -> dialing.remove(expected, result));
        }
        CompletableFuture<Connection> upgraded = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        config.dialTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("upgrade", upgradeHandler(true, expected, upgraded));
                    }
                });
        ChannelFuture cf = b.connect(target);
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                upgraded.completeExceptionally(new IOException(
                        "cannot connect to " + address + ": " + f.cause().getMessage()));
            }
        });
        upgraded.thenCompose(c -> c.admitted.thenApply(ok -> {
                    if (!ok) {
                        throw new CompletionException(new IOException("peer " + c.peer() + " not admitted"));
                    }
                    peerStore.addAddress(c.peer(), address);
                    return c.peer();
                }))
                .whenComplete((p, e) -> {
                    if (e != null) {
                        result.completeExceptionally(unwrap(e));
                    } else {
                        result.complete(p);
                    }
                });
        return result;
    }

    @Override
    public CompletableFuture<P2pStream> openStream(PeerId peer, List<String> protocolIds) {
        return connectionTo(peer).thenCompose(c -> c.openStream(protocolIds)).thenApply(s -> (P2pStream) s);
    }

    /** A live connection to the peer, dialing its known addresses in turn if there is none. */
    public CompletableFuture<Connection> connectionTo(PeerId peer) {
        Connection c = connection(peer);
        if (c != null) {
            return c.admitted.thenApply(ok -> c);
        }
        List<Multiaddr> addrs = peerStore.get(peer).addresses();
        if (addrs.isEmpty()) {
            return CompletableFuture.failedFuture(
                    new IOException("not connected to " + peer + " and no address known"));
        }
        CompletableFuture<PeerId> attempt = connect(addrs.get(0).withPeerId(peer));
        for (Multiaddr a : addrs.subList(1, addrs.size())) {
            attempt = attempt.exceptionallyCompose(e -> connect(a.withPeerId(peer)));
        }
        return attempt.thenApply(p -> {
            Connection live = connection(p);
            if (live == null) {
                throw new CompletionException(new IOException("connection to " + peer + " closed"));
            }
            return live;
        });
    }

    @Override
    public void disconnect(PeerId peer) {
        List<Connection> list = connections.get(peer);
        if (list != null) {
            list.forEach(Connection::close);
        }
    }

    @Override
    public CompletableFuture<Duration> ping(PeerId peer) {
        return connectionTo(peer).thenCompose(ping::ping);
    }

    @Override
    public List<PeerConnection> connections() {
        List<PeerConnection> out = new ArrayList<>();
        for (Connection c : liveConnections()) {
            PeerStore.PeerRecord r = peerStore.get(c.peer());
            out.add(new PeerConnection(
                    c.peer(),
                    c.remoteAddress(),
                    c.outbound(),
                    c.openedAt(),
                    c.openStreams(),
                    r.agentVersion(),
                    r.protocols()));
        }
        out.sort((a, b) -> a.peer().compareTo(b.peer()));
        return out;
    }

    @Override
    public boolean isConnected(PeerId peer) {
        return connection(peer) != null;
    }

    @Override
    public void ban(PeerId peer, Duration duration, String reason) {
        bans.ban(peer, duration, reason);
        LOG.info("Banned {} for {} s: {}", peer, duration.toSeconds(), reason);
        disconnect(peer);
    }

    @Override
    public List<Multiaddr> knownAddresses(PeerId peer) {
        return peerStore.get(peer).addresses();
    }

    @Override
    public List<String> peerProtocols(PeerId peer) {
        return peerStore.get(peer).protocols();
    }

    /** Serves {@code protocol} with a blocking handler on a pool of its own of {@code handler.threads}. */
    public void registerHandler(String protocol, ProtocolHandler handler) {
        registerHandler(protocol, handler, config.handlerThreads());
    }

    /** Serves {@code protocol} on a pool of its own of {@code threads} (0: inline, for non-blocking handlers). */
    public void registerHandler(String protocol, ProtocolHandler handler, int threads) {
        protocols.register(
                protocol,
                handler,
                threads == 0 ? ProtocolExecution.inline() : ProtocolExecution.pool(protocol, threads));
    }

    public void unregisterHandler(String protocol, ProtocolHandler handler) {
        protocols.unregister(protocol, handler);
    }

    // ---- connection life cycle

    private UpgradeHandler upgradeHandler(boolean initiator, PeerId expected, CompletableFuture<Connection> upgraded) {
        return new UpgradeHandler(
                initiator, expected, noise, random, yamuxConfig, config.dialTimeout(), new UpgradeCallback() {
                    private Connection connection;

                    @Override
                    public YamuxSession.Listener onSecured(Channel ch, PeerId peer, Multiaddr remote, boolean out) {
                        if (peer.equals(key.peerId())) {
                            throw new IllegalStateException("connected to ourselves");
                        }
                        if (bans.isBanned(peer)) {
                            throw new IllegalStateException("peer is banned");
                        }
                        // the slot is decided once admitted (staked peers may take an unstaked one's); this
                        // only bounds the connections waiting for that decision
                        if (connectionCount.get() >= config.maxConnections() + PENDING_HEADROOM) {
                            throw new IllegalStateException(
                                    "connection limit of " + config.maxConnections() + " reached");
                        }
                        connection = new Connection(Host.this, ch, peer, remote, out, clock);
                        return connection;
                    }

                    @Override
                    public void onReady(Channel ch, YamuxSession session) {
                        connection.attach(session);
                        register(connection);
                        if (upgraded != null) {
                            upgraded.complete(connection);
                        }
                    }

                    @Override
                    public void onFailed(Channel ch, Throwable cause) {
                        String who = initiator ? "to " + ch.remoteAddress() : "from " + ch.remoteAddress();
                        if (cause instanceof IOException) {
                            LOG.debug("Connection {} failed: {}", who, cause.getMessage());
                        } else {
                            refusals.refused(who, String.valueOf(cause.getMessage()));
                        }
                        if (upgraded != null) {
                            upgraded.completeExceptionally(cause);
                        }
                    }
                });
    }

    private void register(Connection c) {
        connectionCount.incrementAndGet();
        connections.computeIfAbsent(c.peer(), p -> new CopyOnWriteArrayList<>()).add(c);
        // Only an address we dialed is the peer's: an inbound connection's source port is ephemeral, and
        // handing it out (DHT answers) sends others nowhere. Inbound peers' addresses come from identify.
        if (c.outbound()) {
            peerStore.addAddress(c.peer(), c.remoteAddress());
        }
        admit(c).thenCompose(ok -> ok ? claimSlot(c) : CompletableFuture.completedFuture(false))
                .whenComplete((ok, e) -> {
                    boolean admitted = e == null && Boolean.TRUE.equals(ok);
                    if (e != null) {
                        LOG.warn(
                                "Admission check for {} failed: {}",
                                c.peer(),
                                unwrap(e).getMessage());
                    } else if (!admitted && !c.slotRefused) {
                        LOG.info("Peer {} not admitted; closing its connection", c.peer());
                    }
                    c.admitted.complete(admitted);
                    if (!admitted) {
                        c.channel().close();
                        return;
                    }
                    LOG.debug("Connected {}", c);
                    listeners.forEach(l -> l.connected(c));
                    identify.identify(c).exceptionally(err -> {
                        LOG.debug(
                                "Identify of {} failed: {}",
                                c.peer().shortString(),
                                unwrap(err).getMessage());
                        return null;
                    });
                });
    }

    private CompletableFuture<Boolean> admit(Connection c) {
        CompletableFuture<Boolean> all = CompletableFuture.completedFuture(true);
        for (AdmissionHook hook : admissionHooks) {
            all = all.thenCompose(ok -> ok
                    ? hook.admit(c.peer(), c.remoteAddress()).toCompletableFuture()
                    : CompletableFuture.completedFuture(false));
        }
        return all.orTimeout(config.dialTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks whether the peer is staked, then for a slot; a staked peer may evict the idlest unstaked one. */
    private CompletableFuture<Boolean> claimSlot(Connection c) {
        StakedPeers staked = stakedPeers;
        CompletableFuture<Boolean> stake = staked == null
                ? CompletableFuture.completedFuture(false)
                : staked.isStaked(c.peer()).toCompletableFuture().exceptionally(e -> {
                    LOG.debug(
                            "Stake check of {} failed: {}",
                            c.peer().shortString(),
                            unwrap(e).getMessage());
                    return false;
                });
        return stake.thenApply(isStaked -> {
            c.setStaked(Boolean.TRUE.equals(isStaked));
            if (!c.channel().isActive()) {
                return false;
            }
            ConnectionSlots.Claim claim = slots.claim(c);
            if (claim.admitted() && !c.channel().isActive()) {
                slots.release(c); // closed while we decided: connectionClosed ran before the claim
                return false;
            }
            if (!claim.admitted()) {
                c.slotRefused = true;
                refusals.refused("from " + c.remoteAddress(), claim.refusal());
                return false;
            }
            if (claim.evicted() != null) {
                LOG.info(
                        "Staked peer {} takes the slot of unstaked {} (all {} taken)",
                        c.peer().shortString(),
                        claim.evicted().peer().shortString(),
                        config.maxConnections());
                claim.evicted().channel().close();
            }
            return true;
        });
    }

    /** Closes unstaked inbound connections whose peer sent nothing for {@code unstakedIdle}. */
    void pruneIdleUnstaked() {
        long before = clock.millis() - config.unstakedIdle().toMillis();
        for (Connection c : slots.idleUnstaked(before)) {
            LOG.debug("Closing idle unstaked {}", c);
            slots.release(c);
            c.channel().close();
        }
    }

    void connectionClosed(Connection c) {
        slots.release(c);
        List<Connection> list = connections.get(c.peer());
        if (list != null && list.remove(c)) {
            connectionCount.decrementAndGet();
            connections.computeIfPresent(c.peer(), (p, l) -> l.isEmpty() ? null : l);
            LOG.debug("Disconnected {}", c);
            if (c.admitted.getNow(false)) {
                listeners.forEach(l -> l.disconnected(c));
            }
        }
        c.admitted.complete(false);
    }

    void acceptStream(Connection c, YamuxStream stream) {
        c.admitted.thenAccept(ok -> {
            if (!ok) {
                stream.reset();
                return;
            }
            StreamNegotiator.listen(stream, protocols::has).whenComplete((protocol, e) -> {
                if (e != null) {
                    LOG.debug(
                            "Stream negotiation with {} failed: {}",
                            c.peer().shortString(),
                            unwrap(e).getMessage());
                    return;
                }
                ProtocolRegistry.Entry entry = protocols.get(protocol);
                if (entry == null) {
                    stream.reset();
                    return;
                }
                ProtocolHandler h = entry.handler();
                try {
                    entry.execution().execute(() -> {
                        try {
                            h.handle(stream);
                        } catch (Exception ex) {
                            LOG.warn(
                                    "Handler of {} failed for {}: {}",
                                    protocol,
                                    c.peer().shortString(),
                                    ex.toString());
                            stream.reset();
                        }
                    });
                } catch (RejectedExecutionException ex) {
                    LOG.warn(
                            "All {} threads of {} busy and its queue full; resetting a stream of {}",
                            entry.execution().threads(),
                            protocol,
                            c.peer().shortString());
                    stream.reset();
                }
            });
        });
    }

    private void closeIdle() {
        long now = System.nanoTime();
        long limit = config.idleTimeout().toNanos();
        for (Connection c : liveConnections()) {
            if (c.idleNanos(now) > limit) {
                LOG.debug("Closing idle {}", c);
                c.close();
            }
        }
    }

    private void protocolsChanged() {
        if (group != null) {
            identify.pushToAll();
        }
    }

    /** Wildcard listen addresses stand for each local interface address of their family. */
    private static List<Multiaddr> expand(Multiaddr bound) {
        InetSocketAddress sa = bound.toTcpSocketAddress();
        if (!sa.getAddress().isAnyLocalAddress()) {
            return List.of(bound);
        }
        boolean v6 = sa.getAddress() instanceof Inet6Address;
        List<Multiaddr> out = new ArrayList<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!ni.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (v6 ? a instanceof Inet6Address && !a.isLinkLocalAddress() : a instanceof Inet4Address) {
                        out.add(Multiaddr.tcp(new InetSocketAddress(a, sa.getPort())));
                    }
                }
            }
        } catch (SocketException e) {
            return List.of(bound);
        }
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        return out.isEmpty() ? List.of(bound) : out;
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}

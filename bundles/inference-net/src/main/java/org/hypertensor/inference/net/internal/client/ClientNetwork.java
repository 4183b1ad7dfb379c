package org.hypertensor.inference.net.internal.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.internal.server.BlockServer;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.ModelManifest;

/**
 * What a client's sessions share: the p2p host, the servers from the DHT (reused for a few seconds), the
 * measured pings and the bans.
 */
public final class ClientNetwork {

    /** Round trip assumed for a server that cannot be pinged: it is routed through only if nothing else works. */
    private static final double UNREACHABLE_SECONDS = 100;

    private record Cached(Instant at, List<BlockAnnouncement> servers) {}

    private final P2pNetwork p2p;
    private final ServerDirectory directory;
    private final ClientSettings settings;
    private final Clock clock;
    private final Bans bans;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private final Map<PeerId, Double> pings = new ConcurrentHashMap<>();
    private volatile Supplier<BlockServer> local = () -> null;

    public ClientNetwork(P2pNetwork p2p, ServerDirectory directory, ClientSettings settings, Clock clock) {
        this.p2p = p2p;
        this.directory = directory;
        this.settings = settings;
        this.clock = clock;
        this.bans = new Bans(clock, settings.banFirst(), settings.banMax());
    }

    /** This node's own server, if any: spans routed to ourselves run on it directly. */
    public void setLocalServer(Supplier<BlockServer> server) {
        local = server;
    }

    /** Opens a session for {@code span}: on our own server directly, else over a stream. */
    SpanSession openSpan(Span span, ModelManifest manifest, int maxLength) throws SpanFailure {
        if (span.server().peer().equals(p2p.localPeerId())) {
            BlockServer s = local.get();
            if (s == null) {
                throw new SpanFailure(span, "this node announced blocks it no longer hosts");
            }
            return LocalSpanSession.open(s, p2p.localPeerId(), span, manifest.id(), maxLength);
        }
        return RemoteSession.open(
                p2p, span, manifest.id(), maxLength, manifest.config().hiddenSize(), settings.stepTimeout());
    }

    public P2pNetwork p2p() {
        return p2p;
    }

    public ClientSettings settings() {
        return settings;
    }

    public Bans bans() {
        return bans;
    }

    /** The subnet's servers; {@code fresh} reads the DHT again. */
    public List<BlockAnnouncement> servers(long subnet, int blocks, boolean fresh) {
        Cached c = cache.get(subnet);
        Instant now = clock.instant();
        if (fresh || c == null || now.isAfter(c.at().plus(settings.directoryTtl()))) {
            List<BlockAnnouncement> read = directory.servers(subnet, blocks);
            // a DHT read that found nothing (lookups timed out) keeps the last answer: bans still apply
            if (read.isEmpty() && c != null && !c.servers().isEmpty()) {
                return c.servers();
            }
            c = new Cached(now, read);
            cache.put(subnet, c);
        }
        return c.servers();
    }

    /** The route this client would take now for all blocks of the model. */
    public List<Span> route(long subnet, ModelManifest manifest, int tokens, boolean fresh) throws NoRouteException {
        int blocks = manifest.config().numLayers();
        return Router.route(
                servers(subnet, blocks, fresh),
                manifest.id(),
                BlockRange.all(blocks),
                this::pingSeconds,
                a -> !bans.banned(a.peer()),
                tokens);
    }

    /** Opens a session through the subnet's servers (routing it). */
    public ChainSession open(long subnet, ModelManifest manifest, int maxLength) throws NoRouteException {
        return ChainSession.open(this, subnet, manifest, maxLength);
    }

    /** The measured round trip to a server, in seconds (measured once, dialing it if needed). */
    double pingSeconds(BlockAnnouncement a) {
        if (a.peer().equals(p2p.localPeerId())) {
            return 0;
        }
        return pings.computeIfAbsent(a.peer(), p -> measure(a));
    }

    /** The measured round trip to a server in milliseconds. */
    public double pingMillis(BlockAnnouncement a) {
        return pingSeconds(a) * 1000;
    }

    /** Forgets a server's ping (it failed: measure it again when it comes back). */
    void forgetPing(PeerId peer) {
        pings.remove(peer);
    }

    private double measure(BlockAnnouncement a) {
        try {
            if (!p2p.isConnected(a.peer())) {
                for (Multiaddr m : a.addresses()) {
                    try {
                        p2p.connect(m.withPeerId(a.peer())).get(5, TimeUnit.SECONDS);
                        break;
                    } catch (ExecutionException | TimeoutException e) {
                        // try the next address
                    }
                }
            }
            Duration d = p2p.ping(a.peer()).get(5, TimeUnit.SECONDS);
            return d.toNanos() / 1e9;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNREACHABLE_SECONDS;
        } catch (ExecutionException | TimeoutException e) {
            return UNREACHABLE_SECONDS;
        }
    }
}

package org.hypertensor.inference.net.internal.server;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.inference.net.internal.wire.AnnouncementCodec;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces each hosted block as a signed DHT record (key {@code /hypertensor/<subnet>/block/<i>}, subkey
 * our peer id) every period, expiring after two; announces OFFLINE when the server stops.
 */
public final class Announcer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Announcer.class);

    private final Dht dht;
    private final P2pNetwork p2p;
    private final long subnet;
    private final BlockServer server;
    private final String version;
    private final Duration period;
    private volatile Throughput throughput = new Throughput(0, 0);
    private ScheduledFuture<?> task;
    private ScheduledExecutorService timer;
    /** An announcement of a state change is queued on the timer (changes coalesce into it). */
    private final AtomicBoolean queued = new AtomicBoolean();

    public Announcer(Dht dht, P2pNetwork p2p, long subnet, BlockServer server, String version, Duration period) {
        this.dht = dht;
        this.p2p = p2p;
        this.subnet = subnet;
        this.server = server;
        this.version = version;
        this.period = period;
    }

    public void setThroughput(Throughput t) {
        throughput = t;
    }

    /** Announces now and then every period on {@code timer}. */
    public synchronized void start(ScheduledExecutorService timer) {
        this.timer = timer;
        task = timer.scheduleWithFixedDelay(
                () -> announce(server.state()), 0, period.toMillis(), TimeUnit.MILLISECONDS);
        server.onStateChange(this::stateChanged);
    }

    /**
     * Announces the server's state now (OFFLINE when an engine swap begins, ONLINE when it is over), on the
     * timer, one announcement at a time so the DHT sees them in order; returns at once.
     */
    public void stateChanged() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = task == null || task.isCancelled() ? null : timer;
        }
        if (t != null && queued.compareAndSet(false, true)) {
            try {
                t.execute(() -> {
                    queued.set(false); // a change from now on queues another announcement
                    ServerState s = server.state();
                    try {
                        announce(s).get(period.toMillis(), TimeUnit.MILLISECONDS);
                        LOG.info("Announced blocks {} {}", server.range(), s);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (ExecutionException | TimeoutException e) {
                        LOG.debug("Announcing {} incomplete: {}", s, e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                queued.set(false); // stopping
            }
        }
    }

    /** What we announce in {@code state}. */
    public BlockAnnouncement announcement(ServerState state) {
        Throughput t = throughput;
        List<Multiaddr> addrs =
                p2p.listenAddresses().stream().map(Multiaddr::withoutPeerId).toList();
        return new BlockAnnouncement(
                p2p.localPeerId(),
                server.manifest().id(),
                state,
                server.range(),
                t.stepsPerSecond(),
                t.forwardTokensPerSecond(),
                server.engine(),
                server.device(),
                server.freeCacheTokens(),
                version,
                addrs);
    }

    /** Puts the announcement of every hosted block; completes when all puts are done. */
    public CompletableFuture<Void> announce(ServerState state) {
        byte[] value = AnnouncementCodec.encode(announcement(state));
        byte[] subkey = p2p.localPeerId().toBytes();
        CompletableFuture<?>[] puts = new CompletableFuture<?>[server.range().size()];
        for (int i = server.range().start(); i < server.range().end(); i++) {
            puts[i - server.range().start()] = dht.put(
                            AnnouncementCodec.key(subnet, i), subkey, value, period.multipliedBy(2))
                    .exceptionally(e -> {
                        LOG.debug("Announcing a block failed: {}", e.toString());
                        return 0;
                    });
        }
        return CompletableFuture.allOf(puts);
    }

    /** Stops re-announcing; announces OFFLINE (waiting at most a few seconds) and stops republishing. */
    @Override
    public void close() {
        server.onStateChange(() -> {});
        synchronized (this) {
            if (task != null) {
                task.cancel(false);
            }
        }
        try {
            announce(ServerState.OFFLINE).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("OFFLINE announcement incomplete: {}", e.toString());
        }
        byte[] subkey = p2p.localPeerId().toBytes();
        for (int i = server.range().start(); i < server.range().end(); i++) {
            dht.unpublish(AnnouncementCodec.key(subnet, i), subkey);
        }
    }
}

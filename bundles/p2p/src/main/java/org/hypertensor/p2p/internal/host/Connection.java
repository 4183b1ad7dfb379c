package org.hypertensor.p2p.internal.host;

import io.netty.channel.Channel;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.internal.yamux.YamuxSession;
import org.hypertensor.p2p.internal.yamux.YamuxStream;

/** One secured, multiplexed connection to a peer. */
public final class Connection implements YamuxSession.Listener {

    private final Host host;
    private final Channel channel;
    private final PeerId peer;
    private final Multiaddr remoteAddress;
    private final boolean outbound;
    private final Instant openedAt;
    /** Completes with the admission hooks' verdict; inbound streams wait for it. */
    final CompletableFuture<Boolean> admitted = new CompletableFuture<>();
    /** Refused for want of a slot (logged as a refusal, not per connection). */
    volatile boolean slotRefused;

    private volatile YamuxSession session;
    private volatile long idleSinceNanos = System.nanoTime();
    private final Clock clock;
    /** When the peer last sent stream data, by the host's clock (idle unstaked connections are pruned). */
    private volatile long lastDataMillis;
    /** Whether the peer held stake when admitted (decides its slot). */
    private volatile boolean staked;
    /** The stream pings go on, kept open between pings (guarded by this). */
    public CompletableFuture<YamuxStream> pingStream;

    Connection(Host host, Channel channel, PeerId peer, Multiaddr remoteAddress, boolean outbound, Clock clock) {
        this.host = host;
        this.clock = clock;
        this.lastDataMillis = clock.millis();
        this.channel = channel;
        this.peer = peer;
        this.remoteAddress = remoteAddress;
        this.outbound = outbound;
        this.openedAt = Instant.now();
    }

    void attach(YamuxSession s) {
        this.session = s;
        s.setStreamTimeout(host.config().streamTimeout());
    }

    public PeerId peer() {
        return peer;
    }

    public Multiaddr remoteAddress() {
        return remoteAddress;
    }

    public boolean outbound() {
        return outbound;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public boolean staked() {
        return staked;
    }

    void setStaked(boolean staked) {
        this.staked = staked;
    }

    /** An inbound connection of an unstaked peer: it shares the capped slots and is pruned when idle. */
    boolean isCappedUnstaked() {
        return !outbound && !staked;
    }

    long lastDataMillis() {
        return lastDataMillis;
    }

    @Override
    public void onInboundData() {
        lastDataMillis = clock.millis();
    }

    public Channel channel() {
        return channel;
    }

    public YamuxSession session() {
        return session;
    }

    public boolean isOpen() {
        return channel.isActive() && session != null;
    }

    int openStreams() {
        YamuxSession s = session;
        return s == null ? 0 : s.openStreams();
    }

    /** Nanos since the connection last had no stream open, or 0 while it has some. */
    long idleNanos(long now) {
        if (openStreams() > 0) {
            idleSinceNanos = now;
            return 0;
        }
        return now - idleSinceNanos;
    }

    /** Opens a stream and negotiates the first of {@code protocols} the peer accepts. */
    public CompletableFuture<YamuxStream> openStream(List<String> protocols) {
        return session.openStream()
                .thenCompose(s -> StreamNegotiator.dial(s, protocols).thenApply(p -> s));
    }

    public void close() {
        YamuxSession s = session;
        if (s != null && channel.isActive()) {
            s.goAway();
        } else {
            channel.close();
        }
    }

    @Override
    public void onInboundStream(YamuxStream stream) {
        idleSinceNanos = System.nanoTime();
        host.acceptStream(this, stream);
    }

    @Override
    public void onClosed(YamuxSession s) {
        host.connectionClosed(this);
    }

    @Override
    public String toString() {
        return (outbound ? "outbound" : "inbound") + " connection with " + peer.shortString() + " at " + remoteAddress;
    }
}

package org.hypertensor.p2p.internal.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.hypertensor.p2p.api.PeerId;

/** Peers refused until a point in time. Thread-safe; expired entries are dropped when looked at. */
public final class BanList {

    /** One ban: until when and why. */
    public record Ban(Instant until, String reason) {}

    private final Clock clock;
    private final Map<PeerId, Ban> bans = new TreeMap<>();

    public BanList(Clock clock) {
        this.clock = clock;
    }

    public synchronized void ban(PeerId peer, Duration duration, String reason) {
        bans.put(peer, new Ban(clock.instant().plus(duration), reason));
    }

    public synchronized void unban(PeerId peer) {
        bans.remove(peer);
    }

    public synchronized boolean isBanned(PeerId peer) {
        Ban b = bans.get(peer);
        if (b == null) {
            return false;
        }
        if (!clock.instant().isBefore(b.until())) {
            bans.remove(peer);
            return false;
        }
        return true;
    }

    public synchronized Map<PeerId, Ban> snapshot() {
        bans.values().removeIf(b -> !clock.instant().isBefore(b.until()));
        return new TreeMap<>(bans);
    }
}

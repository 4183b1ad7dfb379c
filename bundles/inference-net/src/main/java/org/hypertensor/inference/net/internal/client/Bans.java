package org.hypertensor.inference.net.internal.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.hypertensor.p2p.api.PeerId;

/** Servers a client avoids after a failure: 15 s the first time, doubling with each further failure. */
public final class Bans {

    private record Ban(Instant until, Duration length) {}

    private final Clock clock;
    private final Duration first;
    private final Duration max;
    private final Map<PeerId, Ban> bans = new HashMap<>();

    public Bans(Clock clock, Duration first, Duration max) {
        this.clock = clock;
        this.first = first;
        this.max = max;
    }

    /** Bans {@code peer}; returns for how long. */
    public synchronized Duration ban(PeerId peer) {
        Ban old = bans.get(peer);
        Duration length = old == null ? first : old.length().multipliedBy(2);
        if (length.compareTo(max) > 0) {
            length = max;
        }
        bans.put(peer, new Ban(clock.instant().plus(length), length));
        return length;
    }

    public synchronized boolean banned(PeerId peer) {
        Ban b = bans.get(peer);
        return b != null && clock.instant().isBefore(b.until());
    }

    /** How long {@code peer} stays banned (zero when it is not). */
    public synchronized Duration remaining(PeerId peer) {
        Ban b = bans.get(peer);
        if (b == null) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(clock.instant(), b.until());
        return d.isNegative() ? Duration.ZERO : d;
    }
}

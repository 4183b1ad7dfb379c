package org.hypertensor.p2p.internal.host;

import java.util.ArrayList;
import java.util.List;

/**
 * Who holds the host's connection slots. At most {@code max} admitted connections; inbound connections of
 * unstaked peers share at most {@code maxUnstaked} of them, so the rest stays for staked peers and our
 * own dials. When every slot is taken, a staked peer takes the slot of the idlest unstaked inbound
 * connection (free identities cost an attacker nothing, stake does).
 */
final class ConnectionSlots {

    /** The verdict for a new connection: admitted (maybe evicting another) or refused with a reason. */
    record Claim(boolean admitted, Connection evicted, String refusal) {}

    private final int max;
    private final int maxUnstaked;
    /** Admitted connections, oldest first (guarded by this). */
    private final List<Connection> held = new ArrayList<>();

    ConnectionSlots(int max, int maxUnstaked) {
        this.max = max;
        this.maxUnstaked = Math.min(max, maxUnstaked);
    }

    synchronized Claim claim(Connection c) {
        if (c.isCappedUnstaked()) {
            if (held.size() >= max) {
                return new Claim(false, null, "connection limit of " + max + " reached");
            }
            if (unstakedInbound() >= maxUnstaked) {
                return new Claim(false, null, "all " + maxUnstaked + " slots for unstaked peers are taken");
            }
        }
        if (held.size() < max) {
            held.add(c);
            return new Claim(true, null, null);
        }
        Connection victim = c.staked() ? idlestUnstaked() : null;
        if (victim == null) {
            return new Claim(false, null, "connection limit of " + max + " reached");
        }
        held.remove(victim);
        held.add(c);
        return new Claim(true, victim, null);
    }

    synchronized void release(Connection c) {
        held.remove(c);
    }

    synchronized int held() {
        return held.size();
    }

    synchronized int unstakedInbound() {
        int n = 0;
        for (Connection c : held) {
            if (c.isCappedUnstaked()) {
                n++;
            }
        }
        return n;
    }

    /** Unstaked inbound connections whose peer has sent no data since {@code beforeMillis}. */
    synchronized List<Connection> idleUnstaked(long beforeMillis) {
        List<Connection> out = new ArrayList<>();
        for (Connection c : held) {
            if (c.isCappedUnstaked() && c.lastDataMillis() < beforeMillis) {
                out.add(c);
            }
        }
        return out;
    }

    private Connection idlestUnstaked() {
        Connection idlest = null;
        for (Connection c : held) { // oldest first: on a tie the oldest goes
            if (c.isCappedUnstaked() && (idlest == null || c.lastDataMillis() < idlest.lastDataMillis())) {
                idlest = c;
            }
        }
        return idlest;
    }
}

package org.hypertensor.dht.internal.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.dht.api.PeerAdmission;
import org.hypertensor.p2p.api.PeerId;

/**
 * Proof-of-stake admission with one cached answer per peer per epoch. In {@code open} mode every peer
 * is admitted (tests against js peers, private devnets). In {@code stake} mode a peer is admitted while
 * the chain lists it as a staked node; without a chain to ask, nobody is. At a new epoch the cache is
 * dropped and the given peers are re-checked: those that lost their stake are returned for eviction.
 */
public final class EpochAdmission implements PeerAdmission {

    private final boolean open;
    private final Map<PeerId, Admission> cache = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private volatile StakeLookup lookup;
    private volatile long epoch = -1;

    public EpochAdmission(boolean open) {
        this.open = open;
    }

    /** The chain to ask, or null when none is available (then nobody is admitted in stake mode). */
    public void setLookup(StakeLookup lookup, long currentEpoch) {
        this.lookup = lookup;
        this.epoch = lookup == null ? -1 : currentEpoch;
        cache.clear();
    }

    public boolean isOpen() {
        return open;
    }

    public long epoch() {
        return epoch;
    }

    public long refusedCount() {
        return refused.get();
    }

    @Override
    public Admission check(PeerId peer) {
        if (open) {
            return new Admission(true, "admission is open (no stake check)", epoch);
        }
        Admission a = cache.get(peer);
        if (a == null) {
            a = ask(peer);
        }
        if (!a.admitted()) {
            refused.incrementAndGet();
        }
        return a;
    }

    private Admission ask(PeerId peer) {
        StakeLookup l = lookup;
        if (l == null) {
            return new Admission(false, "no chain to check stake against", -1);
        }
        long at = epoch;
        Optional<Long> subnet;
        try {
            subnet = l.stakedSubnet(peer.toBase58());
        } catch (RuntimeException | LinkageError e) { // LinkageError: the staking API is not installed
            return new Admission(false, "stake check failed: " + e.getMessage(), at); // not cached: ask again
        }
        Admission a = subnet.map(s -> new Admission(true, "staked node of subnet " + s, at))
                .orElseGet(() ->
                        new Admission(false, "not a node with stake >= MinStake in any subnet at epoch " + at, at));
        if (at == epoch) {
            cache.put(peer, a);
        }
        return a;
    }

    /**
     * Starts epoch {@code newEpoch} if it is later than the current one: forgets every answer and
     * re-checks {@code members}; returns those no longer admitted (empty if the epoch did not change).
     */
    public List<PeerId> newEpoch(long newEpoch, List<PeerId> members) {
        if (open || newEpoch <= epoch) {
            return List.of();
        }
        epoch = newEpoch;
        cache.clear();
        List<PeerId> evict = new ArrayList<>();
        for (PeerId p : members) {
            if (!check(p).admitted()) {
                evict.add(p);
            }
        }
        return evict;
    }
}

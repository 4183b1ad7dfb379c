package org.hypertensor.p2p.internal.gossip;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.hypertensor.p2p.api.PeerId;

/**
 * Invalid-gossip penalties per peer id, kept across connections (a peer that reconnects keeps its count)
 * and forgiven one at a time, one per {@code decayNanos}: a peer that sends one bad message now and then is
 * never banned, one that sends many, over one connection or many, is.
 */
final class PenaltyBook {

    private final long decayNanos;
    private final LongSupplier nanoTime;
    /** peer → {count, time of the last change}. */
    private final Map<PeerId, long[]> book = new HashMap<>();

    PenaltyBook(long decayNanos, LongSupplier nanoTime) {
        this.decayNanos = Math.max(1, decayNanos);
        this.nanoTime = nanoTime;
    }

    /** Adds one penalty; returns the peer's count now. */
    synchronized int add(PeerId peer) {
        long[] entry = current(peer);
        entry[0]++;
        return (int) Math.min(Integer.MAX_VALUE, entry[0]);
    }

    /** The peer's count now (after forgiveness). */
    synchronized int count(PeerId peer) {
        long[] entry = book.containsKey(peer) ? current(peer) : null;
        return entry == null ? 0 : (int) entry[0];
    }

    synchronized void forget(PeerId peer) {
        book.remove(peer);
    }

    /** Drops the peers whose count has decayed to zero (keeps the book bounded). */
    synchronized void prune() {
        long now = nanoTime.getAsLong();
        book.values().removeIf(e -> e[0] - (now - e[1]) / decayNanos <= 0);
    }

    synchronized int size() {
        return book.size();
    }

    private long[] current(PeerId peer) {
        long now = nanoTime.getAsLong();
        long[] entry = book.computeIfAbsent(peer, p -> new long[] {0, now});
        long forgiven = (now - entry[1]) / decayNanos;
        if (forgiven > 0) {
            entry[0] = Math.max(0, entry[0] - forgiven);
            entry[1] += forgiven * decayNanos;
        }
        if (entry[0] == 0) {
            entry[1] = now;
        }
        return entry;
    }
}

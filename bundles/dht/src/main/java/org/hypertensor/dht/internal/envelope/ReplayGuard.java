package org.hypertensor.dht.internal.envelope;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Refuses stale and replayed envelopes: a timestamp more than {@code windowMillis} away from our clock
 * is stale; a (sender, nonce) seen while its timestamp is inside the window is a replay. Nonces are
 * forgotten once their timestamp has left the window (an older copy would be stale anyway), and each
 * sender may have at most {@code maxPerSender} remembered at a time.
 */
public final class ReplayGuard {

    /** Why an envelope was refused, or {@code FRESH}. */
    public enum Verdict {
        FRESH,
        STALE,
        REPLAY,
        TOO_MANY
    }

    private record Seen(String id, String sender, long forgetAt) {}

    private final long windowMillis;
    private final int maxPerSender;
    private final Map<String, Long> seen = new HashMap<>();
    private final Map<String, Integer> perSender = new HashMap<>();
    private final PriorityQueue<Seen> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.forgetAt, b.forgetAt));

    public ReplayGuard(long windowMillis, int maxPerSender) {
        this.windowMillis = windowMillis;
        this.maxPerSender = maxPerSender;
    }

    public synchronized Verdict check(String sender, byte[] nonce, long timestampMillis, long nowMillis) {
        prune(nowMillis);
        if (Math.abs(nowMillis - timestampMillis) > windowMillis) {
            return Verdict.STALE;
        }
        String id = sender + '/' + HexFormat.of().formatHex(nonce);
        if (seen.containsKey(id)) {
            return Verdict.REPLAY;
        }
        if (perSender.getOrDefault(sender, 0) >= maxPerSender) {
            return Verdict.TOO_MANY;
        }
        long forgetAt = timestampMillis + windowMillis + 1;
        seen.put(id, forgetAt);
        perSender.merge(sender, 1, Integer::sum);
        byExpiry.add(new Seen(id, sender, forgetAt));
        return Verdict.FRESH;
    }

    public synchronized int remembered() {
        return seen.size();
    }

    private void prune(long now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().forgetAt <= now) {
            Seen s = byExpiry.poll();
            seen.remove(s.id);
            if (perSender.merge(s.sender, -1, Integer::sum) <= 0) {
                perSender.remove(s.sender);
            }
        }
    }
}

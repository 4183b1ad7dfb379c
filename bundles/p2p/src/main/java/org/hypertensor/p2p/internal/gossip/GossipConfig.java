package org.hypertensor.p2p.internal.gossip;

import java.time.Duration;

/**
 * gossipsub parameters: mesh degree {@code d} (with its low and high water marks), gossip fan-out
 * {@code dLazy}, heartbeat, message cache windows, seen-cache lifetime, prune backoff, size limits and the
 * penalty rule (this many invalid messages and the peer is banned).
 */
public record GossipConfig(
        int d,
        int dLow,
        int dHigh,
        int dLazy,
        Duration heartbeat,
        Duration fanoutTtl,
        int historyLength,
        int historyGossip,
        Duration seenTtl,
        Duration pruneBackoff,
        int maxMessageSize,
        int maxInvalid,
        Duration banDuration) {

    public static GossipConfig defaults() {
        return new GossipConfig(
                6,
                4,
                12,
                6,
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                5,
                3,
                Duration.ofMinutes(2),
                Duration.ofMinutes(1),
                1024 * 1024,
                10,
                Duration.ofMinutes(10));
    }

    public GossipConfig withLimits(int maxMessageSize, int maxInvalid, Duration banDuration) {
        return new GossipConfig(
                d,
                dLow,
                dHigh,
                dLazy,
                heartbeat,
                fanoutTtl,
                historyLength,
                historyGossip,
                seenTtl,
                pruneBackoff,
                maxMessageSize,
                maxInvalid,
                banDuration);
    }

    /** An RPC may carry a few messages plus control; anything bigger resets the stream. */
    int maxRpcSize() {
        return maxMessageSize + 64 * 1024;
    }
}

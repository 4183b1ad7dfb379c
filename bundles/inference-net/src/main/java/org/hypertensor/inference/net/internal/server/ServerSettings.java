package org.hypertensor.inference.net.internal.server;

import java.time.Duration;

/**
 * A server's limits.
 *
 * @param cacheBytes attention cache all sessions together may reserve
 * @param sessionsPerPeer open sessions one client peer may hold
 * @param maxSessions open sessions in all
 * @param stepGap longest wait for a session's next step
 * @param sessionLifetime longest session
 * @param maxTensorTokens most positions (batch × sequence) one step or forward may carry
 */
public record ServerSettings(
        long cacheBytes,
        int sessionsPerPeer,
        int maxSessions,
        Duration stepGap,
        Duration sessionLifetime,
        int maxTensorTokens) {

    public static ServerSettings defaults() {
        return new ServerSettings(512L << 20, 4, 64, Duration.ofMinutes(5), Duration.ofMinutes(30), 4096);
    }

    public ServerSettings withCacheBytes(long bytes) {
        return new ServerSettings(bytes, sessionsPerPeer, maxSessions, stepGap, sessionLifetime, maxTensorTokens);
    }

    public ServerSettings withSessionsPerPeer(int n) {
        return new ServerSettings(cacheBytes, n, maxSessions, stepGap, sessionLifetime, maxTensorTokens);
    }

    public ServerSettings withTimes(Duration gap, Duration lifetime) {
        return new ServerSettings(cacheBytes, sessionsPerPeer, maxSessions, gap, lifetime, maxTensorTokens);
    }
}

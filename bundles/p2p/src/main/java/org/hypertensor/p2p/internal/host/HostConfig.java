package org.hypertensor.p2p.internal.host;

import java.time.Duration;
import java.util.List;
import org.hypertensor.p2p.api.Multiaddr;

/** The host's settings (from {@code org.hypertensor.p2p.cfg} in the node, or set directly in tests). */
public record HostConfig(
        List<Multiaddr> listen,
        String agentVersion,
        int maxConnections,
        int maxUnstaked,
        Duration unstakedIdle,
        int maxStreams,
        int maxWindow,
        Duration streamTimeout,
        Duration dialTimeout,
        Duration idleTimeout,
        int ioThreads,
        int handlerThreads) {

    public static HostConfig defaults(List<Multiaddr> listen) {
        return new HostConfig(
                listen,
                "hypertensor/0.1.0",
                200,
                100,
                Duration.ofMinutes(2),
                1024,
                256 * 1024,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofMinutes(5),
                2,
                16);
    }

    /** The same settings with other connection slots: total, for unstaked inbound peers, and their idle limit. */
    public HostConfig withSlots(int max, int unstaked, Duration idle) {
        return new HostConfig(
                listen,
                agentVersion,
                max,
                unstaked,
                idle,
                maxStreams,
                maxWindow,
                streamTimeout,
                dialTimeout,
                idleTimeout,
                ioThreads,
                handlerThreads);
    }

    public HostConfig withAgent(String agent) {
        return new HostConfig(
                listen,
                agent,
                maxConnections,
                maxUnstaked,
                unstakedIdle,
                maxStreams,
                maxWindow,
                streamTimeout,
                dialTimeout,
                idleTimeout,
                ioThreads,
                handlerThreads);
    }
}

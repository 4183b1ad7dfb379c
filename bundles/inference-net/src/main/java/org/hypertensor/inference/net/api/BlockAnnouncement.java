package org.hypertensor.inference.net.api;

import java.util.List;
import java.util.Objects;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;

/**
 * A server's signed DHT announcement of the blocks it hosts (key {@code /hypertensor/<subnet>/block/<i>} for
 * each block {@code i} of {@code range}, subkey its peer id).
 *
 * @param peer the server (the record's publisher)
 * @param model the model id (SHA-256 of its manifest)
 * @param state whether it serves now
 * @param range the blocks it hosts
 * @param throughput single-token inference steps per second through one of its blocks
 * @param forwardTokensPerSecond tokens per second of a long forward pass through one of its blocks
 * @param engine the engine its blocks run on
 * @param device {@code cpu} or {@code gpu}
 * @param freeCacheTokens positions of attention cache (over its whole range) still free
 * @param version the node's version
 * @param addresses where it listens
 */
public record BlockAnnouncement(
        PeerId peer,
        String model,
        ServerState state,
        BlockRange range,
        double throughput,
        double forwardTokensPerSecond,
        String engine,
        String device,
        long freeCacheTokens,
        String version,
        List<Multiaddr> addresses) {

    public BlockAnnouncement {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(range, "range");
        addresses = List.copyOf(addresses);
    }

    public BlockAnnouncement withState(ServerState s) {
        return new BlockAnnouncement(
                peer,
                model,
                s,
                range,
                throughput,
                forwardTokensPerSecond,
                engine,
                device,
                freeCacheTokens,
                version,
                addresses);
    }
}

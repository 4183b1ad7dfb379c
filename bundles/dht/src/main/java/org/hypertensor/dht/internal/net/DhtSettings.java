package org.hypertensor.dht.internal.net;

import java.time.Duration;
import java.util.List;
import org.hypertensor.dht.internal.records.RecordStore;
import org.hypertensor.p2p.api.Multiaddr;

/** What a {@link DhtEngine} needs to know, from the component's configuration (or a test). */
public record DhtSettings(
        String protocol,
        List<Multiaddr> bootPeers,
        Duration requestTimeout,
        int maxMessageBytes,
        RecordStore.Limits limits,
        Duration refreshInterval,
        Duration republishInterval,
        Duration providerTtl,
        int maxProvidersPerKey,
        int maxProvidedKeysPerPeer) {

    /** Settings for tests and benchmarks: the node's defaults with other boot peers. */
    public static DhtSettings defaults(List<Multiaddr> bootPeers) {
        return new DhtSettings(
                "/hypertensor/kad/1.0.0",
                bootPeers,
                Duration.ofSeconds(10),
                1024 * 1024,
                RecordStore.Limits.DEFAULT,
                Duration.ofMinutes(10),
                Duration.ofHours(1),
                Duration.ofHours(48),
                64,
                4096);
    }
}

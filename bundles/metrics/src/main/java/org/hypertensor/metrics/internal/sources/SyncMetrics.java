package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.model.registry.Collector;
import java.util.List;
import org.hypertensor.chain.network.api.ChainSync;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Block sync: whether it runs, the highest block a peer reported, sync peers and bans. */
@Component(immediate = true)
public final class SyncMetrics {

    private final NodeMetrics metrics;
    private final List<Collector> collectors;

    @Activate
    public SyncMetrics(@Reference NodeMetrics metrics, @Reference ChainSync sync) {
        this.metrics = metrics;
        this.collectors = List.of(
                metrics.gauge(
                        "hypertensor_sync_syncing",
                        "1 while the node is catching up with its peers, else 0",
                        () -> sync.state().syncing() ? 1 : 0),
                metrics.gauge(
                        "hypertensor_sync_highest_block",
                        "Highest finalized block a peer reported",
                        () -> sync.state().highestBlock()),
                metrics.gauge(
                        "hypertensor_sync_peers",
                        "Peers serving block sync",
                        () -> sync.state().peers()),
                metrics.gauge(
                        "hypertensor_sync_banned_peers",
                        "Peers banned for serving invalid blocks",
                        () -> sync.state().bannedPeers()));
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}

package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.model.registry.Collector;
import java.util.List;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.hypertensor.p2p.api.P2pNetwork;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** libp2p: open connections, while the p2p bundle runs. */
@Component(immediate = true)
public final class PeerMetrics {

    private final NodeMetrics metrics;
    private final List<Collector> collectors;

    @Activate
    public PeerMetrics(@Reference NodeMetrics metrics, @Reference P2pNetwork network) {
        this.metrics = metrics;
        this.collectors = List.of(metrics.gauge(
                "hypertensor_p2p_connections",
                "Open libp2p connections",
                () -> network.connections().size()));
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}

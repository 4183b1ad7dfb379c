package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.model.registry.Collector;
import java.util.List;
import java.util.Map;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.hypertensor.p2p.api.GossipCounters;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Gossip messages in, out and refused, while the p2p bundle runs. */
@Component(immediate = true)
public final class GossipMetrics {

    private final NodeMetrics metrics;
    private final List<Collector> collectors;

    @Activate
    public GossipMetrics(@Reference NodeMetrics metrics, @Reference GossipCounters gossip) {
        this.metrics = metrics;
        this.collectors = List.of(metrics.counters(
                "hypertensor_gossip_messages",
                "Gossip messages: in (new, valid, delivered), out (published or forwarded), refused (invalid)",
                "kind",
                () -> Map.of("in", gossip.received(), "out", gossip.sent(), "refused", gossip.refused())));
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}

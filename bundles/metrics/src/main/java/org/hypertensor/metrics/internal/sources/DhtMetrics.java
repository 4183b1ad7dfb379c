package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.model.registry.Collector;
import java.util.List;
import org.hypertensor.dht.api.Dht;
import org.hypertensor.dht.api.DhtCounters;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The Kademlia DHT: queries sent and served, refusals, records held, routing table; while the dht bundle runs. */
@Component(immediate = true)
public final class DhtMetrics {

    private final NodeMetrics metrics;
    private final List<Collector> collectors;

    @Activate
    public DhtMetrics(@Reference NodeMetrics metrics, @Reference DhtCounters counters, @Reference Dht dht) {
        this.metrics = metrics;
        this.collectors = List.of(
                metrics.counters(
                        "hypertensor_dht_requests_sent",
                        "DHT requests this node sent (its queries), by message type",
                        "type",
                        counters::sent),
                metrics.counters(
                        "hypertensor_dht_requests_served",
                        "DHT requests of peers this node answered, by message type",
                        "type",
                        counters::served),
                metrics.counters(
                        "hypertensor_dht_refusals",
                        "DHT requests of peers refused, by reason, or failed while served",
                        "reason",
                        counters::refused),
                metrics.gauge("hypertensor_dht_records", "DHT records held, own included", counters::records),
                metrics.gauge(
                        "hypertensor_dht_routing_peers",
                        "Peers in the DHT's routing table",
                        () -> dht.routingTable().size()));
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}

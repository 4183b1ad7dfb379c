package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.model.registry.Collector;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.hypertensor.rpc.api.RpcCounters;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** JSON-RPC calls and error answers by method, while the rpc bundle runs. */
@Component(immediate = true)
public final class RpcMetrics {

    private final NodeMetrics metrics;
    private final List<Collector> collectors;

    @Activate
    public RpcMetrics(@Reference NodeMetrics metrics, @Reference RpcCounters counters) {
        this.metrics = metrics;
        this.collectors = List.of(
                metrics.counters(
                        "hypertensor_rpc_requests",
                        "JSON-RPC calls answered, by method ((unknown): not served, (invalid): not JSON-RPC)",
                        "method",
                        () -> by(counters, RpcCounters.Counts::requests)),
                metrics.counters(
                        "hypertensor_rpc_errors",
                        "JSON-RPC error answers, by method",
                        "method",
                        () -> by(counters, RpcCounters.Counts::errors)));
    }

    private static Map<String, Long> by(RpcCounters counters, ToLongFunction<RpcCounters.Counts> figure) {
        return counters.byMethod().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> figure.applyAsLong(e.getValue())));
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}

package org.hypertensor.metrics.internal.sources;

import io.prometheus.metrics.model.registry.Collector;
import java.util.List;
import org.hypertensor.inference.net.api.ServerActivity;
import org.hypertensor.metrics.internal.NodeMetrics;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** This node's block server: sessions, tokens through its blocks, attention cache; while inference-net runs. */
@Component(immediate = true)
public final class InferenceMetrics {

    private final NodeMetrics metrics;
    private final List<Collector> collectors;

    @Activate
    public InferenceMetrics(@Reference NodeMetrics metrics, @Reference ServerActivity server) {
        this.metrics = metrics;
        this.collectors = List.of(
                metrics.gauge(
                        "hypertensor_inference_sessions",
                        "Inference sessions open on this node's block server",
                        server::openSessions),
                metrics.counter(
                        "hypertensor_inference_step_tokens",
                        "Token positions session steps carried through this node's blocks (rate: tokens/s)",
                        server::stepTokens),
                metrics.gauge(
                        "hypertensor_inference_cache_used_bytes",
                        "Attention cache reserved by open sessions",
                        server::cacheUsedBytes),
                metrics.gauge(
                        "hypertensor_inference_cache_budget_bytes",
                        "Attention cache all sessions together may reserve",
                        server::cacheBudgetBytes));
    }

    @Deactivate
    void deactivate() {
        metrics.remove(collectors);
    }
}

package org.hypertensor.metrics.internal;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongSupplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The node's metrics registry: the JVM's figures, and gauges that the sources (one component per
 * service they read) add while their service is there. A registry of its own rather than the client's
 * static default, so a reinstalled bundle starts clean.
 */
@Component(service = NodeMetrics.class)
public final class NodeMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    @Activate
    public NodeMetrics() {
        JvmMetrics.builder().register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** A gauge read at each scrape; unregister it with {@link #remove} when its service goes. */
    public Collector gauge(String name, String help, LongSupplier value) {
        GaugeWithCallback gauge = GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(cb -> cb.call(value.getAsLong()))
                .build();
        registry.register(gauge);
        return gauge;
    }

    public void remove(Iterable<Collector> collectors) {
        collectors.forEach(registry::unregister);
    }
}

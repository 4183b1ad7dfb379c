package org.hypertensor.metrics.internal;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
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

    /** A counter whose total the source keeps, read at each scrape; exposed as {@code name_total}. */
    public Collector counter(String name, String help, LongSupplier value) {
        CounterWithCallback counter = CounterWithCallback.builder()
                .name(name)
                .help(help)
                .callback(cb -> cb.call(value.getAsLong()))
                .build();
        registry.register(counter);
        return counter;
    }

    /** A gauge per label value, read at each scrape (e.g. peers by {@code stake}). */
    public Collector gauges(String name, String help, String label, Supplier<Map<String, ? extends Number>> values) {
        GaugeWithCallback gauge = GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames(label)
                .callback(cb -> values.get().forEach((k, v) -> cb.call(v.doubleValue(), k)))
                .build();
        registry.register(gauge);
        return gauge;
    }

    /**
     * A counter per label value whose totals the source keeps (e.g. RPC calls by {@code method}); exposed as
     * {@code name_total}.
     */
    public Collector counters(String name, String help, String label, Supplier<Map<String, ? extends Number>> values) {
        CounterWithCallback counter = CounterWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames(label)
                .callback(cb -> values.get().forEach((k, v) -> cb.call(v.doubleValue(), k)))
                .build();
        registry.register(counter);
        return counter;
    }

    public void remove(Iterable<Collector> collectors) {
        collectors.forEach(registry::unregister);
    }
}

package org.hypertensor.rpc.internal.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.hypertensor.rpc.api.RpcCounters;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard of {@link RpcMethod} services: method name to handler, the highest-ranked service winning a name
 * served twice. Serves {@code rpc_methods} itself. Methods come and go while the node runs.
 */
@Component(
        service = {MethodRegistry.class, RpcCounters.class},
        immediate = true)
public final class MethodRegistry implements MethodLookup, RpcCounters {

    private static final Logger LOG = LoggerFactory.getLogger(MethodRegistry.class);

    private record Entry(RpcMethod method, int ranking, long serviceId, boolean unsafe) {}

    /** What an unsafe method answers while only safe ones are served. */
    private static final RpcMethod REFUSED = params -> {
        throw new RpcError(
                RpcError.UNSAFE_METHOD,
                params.method() + " is unsafe (it makes the node act) and this endpoint serves safe methods only "
                        + "(methods in org.hypertensor.rpc.cfg)");
    };

    private final Map<String, List<Entry>> byName = new ConcurrentHashMap<>();
    private final RpcStats stats = new RpcStats();
    private final Dispatcher dispatcher = new Dispatcher(stats);
    private final RpcMethod listMethods = params -> Map.of("methods", names());

    public MethodRegistry() {
        add(listMethods, Map.of(RpcMethod.NAMES, "rpc_methods", Constants.SERVICE_ID, -1L));
    }

    @Reference(name = "methods", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void add(RpcMethod method, Map<String, Object> properties) {
        List<String> unsafe = strings(properties.get(RpcMethod.UNSAFE));
        for (String name : names(properties)) {
            byName.compute(name, (n, entries) -> {
                List<Entry> next = entries == null ? new ArrayList<>() : new ArrayList<>(entries);
                next.add(new Entry(method, ranking(properties), serviceId(properties), unsafe.contains(name)));
                // highest ranking first, then the oldest service (lowest id), as OSGi orders services
                next.sort((a, b) -> a.ranking != b.ranking
                        ? Integer.compare(b.ranking, a.ranking)
                        : Long.compare(a.serviceId, b.serviceId));
                return List.copyOf(next);
            });
        }
    }

    public void remove(RpcMethod method, Map<String, Object> properties) {
        for (String name : names(properties)) {
            byName.computeIfPresent(name, (n, entries) -> {
                List<Entry> next = new ArrayList<>(entries);
                next.removeIf(e -> e.method == method);
                return next.isEmpty() ? null : List.copyOf(next);
            });
        }
    }

    @Override
    public RpcMethod find(String name) {
        List<Entry> entries = byName.get(name);
        return entries == null ? null : entries.get(0).method;
    }

    /** Methods as served with or without the unsafe ones: an unsafe one answers {@link RpcError#UNSAFE_METHOD}. */
    public MethodLookup lookup(boolean allowUnsafe) {
        return name -> {
            List<Entry> entries = byName.get(name);
            if (entries == null) {
                return null;
            }
            Entry e = entries.get(0);
            return e.unsafe && !allowUnsafe ? REFUSED : e.method;
        };
    }

    /** Whether {@code name} is served by an unsafe method. */
    public boolean unsafe(String name) {
        List<Entry> entries = byName.get(name);
        return entries != null && entries.get(0).unsafe;
    }

    /** Every method name served now, sorted. */
    public List<String> names() {
        return List.copyOf(new TreeSet<>(byName.keySet()));
    }

    /** Method name to the number of services offering it, sorted by name. */
    public Map<String, Integer> providers() {
        Map<String, Integer> out = new TreeMap<>();
        byName.forEach((name, entries) -> out.put(name, entries.size()));
        return out;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public RpcStats stats() {
        return stats;
    }

    @Override
    public Map<String, Counts> byMethod() {
        return stats.byMethod();
    }

    /** A service property given as a string, an array or a list of strings. */
    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof String[] array) {
            out.addAll(List.of(array));
        } else if (value instanceof Iterable<?> list) {
            list.forEach(v -> out.add(String.valueOf(v)));
        }
        return out;
    }

    private static List<String> names(Map<String, Object> properties) {
        List<String> names = strings(properties.get(RpcMethod.NAMES));
        if (names.isEmpty()) {
            LOG.warn(
                    "RpcMethod service {} has no {} property; ignored",
                    properties.get(Constants.SERVICE_ID),
                    RpcMethod.NAMES);
        }
        return names;
    }

    private static int ranking(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_RANKING) instanceof Integer i ? i : 0;
    }

    private static long serviceId(Map<String, Object> properties) {
        return properties.get(Constants.SERVICE_ID) instanceof Long l ? l : Long.MAX_VALUE;
    }
}

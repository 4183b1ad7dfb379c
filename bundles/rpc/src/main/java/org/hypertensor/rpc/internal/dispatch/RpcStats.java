package org.hypertensor.rpc.internal.dispatch;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.rpc.api.RpcCounters;

/**
 * Counters for {@code rpc:status} and monitoring: calls answered (each batch element counts) and error answers
 * among them, in total and by method.
 */
public final class RpcStats implements RpcCounters {

    private record Pair(AtomicLong requests, AtomicLong errors) {}

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, Pair> byMethod = new ConcurrentHashMap<>();

    /** A call of {@code method}: a served method's name, {@link #UNKNOWN} or {@link #INVALID}. */
    void request(String method) {
        requests.incrementAndGet();
        pair(method).requests.incrementAndGet();
    }

    void error(String method) {
        errors.incrementAndGet();
        pair(method).errors.incrementAndGet();
    }

    private Pair pair(String method) {
        return byMethod.computeIfAbsent(method, m -> new Pair(new AtomicLong(), new AtomicLong()));
    }

    public long requests() {
        return requests.get();
    }

    public long errors() {
        return errors.get();
    }

    @Override
    public Map<String, Counts> byMethod() {
        Map<String, Counts> out = new TreeMap<>();
        byMethod.forEach((m, p) -> out.put(m, new Counts(p.requests.get(), p.errors.get())));
        return out;
    }
}

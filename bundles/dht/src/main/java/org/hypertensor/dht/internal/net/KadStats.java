package org.hypertensor.dht.internal.net;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the Kademlia protocol served and refused, for {@code dht:status} and tests. */
public final class KadStats {

    /** A peer's request whose stream failed while served. */
    public static final String FAILED = "failed";

    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    public void count(String what) {
        counters.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    public long get(String what) {
        AtomicLong c = counters.get(what);
        return c == null ? 0 : c.get();
    }

    /**
     * The counters named {@code prefix + "." + rest}, by {@code rest}; with a null prefix, those of neither
     * {@code sent.} nor {@code served.}, by whole name.
     */
    public Map<String, Long> group(String prefix) {
        TreeMap<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> {
            if (prefix != null && k.startsWith(prefix + ".")) {
                out.put(k.substring(prefix.length() + 1), v.get());
            } else if (prefix == null && !k.startsWith("sent.") && !k.startsWith("served.")) {
                out.put(k, v.get());
            }
        });
        return out;
    }

    /** Every counter, sorted by name. */
    public Map<String, Long> snapshot() {
        TreeMap<String, Long> out = new TreeMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}

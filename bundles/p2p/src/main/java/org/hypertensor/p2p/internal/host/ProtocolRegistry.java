package org.hypertensor.p2p.internal.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hypertensor.p2p.api.ProtocolHandler;

/**
 * Protocol id → handler and the executor its streams run on; tells listeners when the set changes
 * (identify push). Thread-safe.
 */
public final class ProtocolRegistry implements AutoCloseable {

    /** A handler with its execution. */
    public record Entry(ProtocolHandler handler, ProtocolExecution execution) {}

    private final Map<String, Entry> handlers = new ConcurrentSkipListMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void register(String protocol, ProtocolHandler handler, ProtocolExecution execution) {
        if (protocol.isEmpty() || protocol.length() > 1024 || protocol.contains("\n")) {
            execution.close();
            throw new IllegalArgumentException("bad protocol id '" + protocol + "'");
        }
        Entry old = handlers.put(protocol, new Entry(handler, execution));
        if (old != null) {
            old.execution().close();
        }
        if (old == null || old.handler() != handler) {
            listeners.forEach(Runnable::run);
        }
    }

    public void unregister(String protocol, ProtocolHandler handler) {
        Entry e = handlers.get(protocol);
        if (e != null && e.handler() == handler && handlers.remove(protocol, e)) {
            e.execution().close();
            listeners.forEach(Runnable::run);
        }
    }

    public Entry get(String protocol) {
        return handlers.get(protocol);
    }

    public boolean has(String protocol) {
        return handlers.containsKey(protocol);
    }

    /** The ids, sorted. */
    public List<String> ids() {
        return List.copyOf(handlers.keySet());
    }

    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Stops every protocol's pool (the host is closing). */
    @Override
    public void close() {
        handlers.values().forEach(e -> e.execution().close());
    }
}

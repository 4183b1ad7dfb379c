package org.hypertensor.p2p.internal.host;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hypertensor.p2p.api.ProtocolHandler;

/** Protocol id → handler; tells listeners when the set changes (identify push). Thread-safe. */
public final class ProtocolRegistry {

    private final Map<String, ProtocolHandler> handlers = new ConcurrentSkipListMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void register(String protocol, ProtocolHandler handler) {
        if (protocol.isEmpty() || protocol.length() > 1024 || protocol.contains("\n")) {
            throw new IllegalArgumentException("bad protocol id '" + protocol + "'");
        }
        if (handlers.put(protocol, handler) != handler) {
            listeners.forEach(Runnable::run);
        }
    }

    public void unregister(String protocol, ProtocolHandler handler) {
        if (handlers.remove(protocol, handler)) {
            listeners.forEach(Runnable::run);
        }
    }

    public ProtocolHandler get(String protocol) {
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
}

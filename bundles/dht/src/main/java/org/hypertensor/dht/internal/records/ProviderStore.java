package org.hypertensor.dht.internal.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * ADD_PROVIDER announcements: which peers say they can serve a key, until their announcement expires.
 * A peer may only announce itself; per key and per announcing peer the counts are bounded.
 */
public final class ProviderStore {

    /** A provider of a key: its peer id (text), binary multiaddrs, and when the announcement lapses. */
    public record Provider(String peer, List<byte[]> addrs, long expiresAtMillis) {}

    private final long ttlMillis;
    private final int maxPerKey;
    private final int maxPerPeer;
    private final LongSupplier clock;
    private final TreeMap<byte[], TreeMap<String, Provider>> providers = new TreeMap<>(Arrays::compareUnsigned);
    private final Map<String, Integer> countByPeer = new HashMap<>();

    public ProviderStore(long ttlMillis, int maxPerKey, int maxPerPeer, LongSupplier clockMillis) {
        this.ttlMillis = ttlMillis;
        this.maxPerKey = maxPerKey;
        this.maxPerPeer = maxPerPeer;
        this.clock = clockMillis;
    }

    /** Records that {@code peer} provides {@code key}; false when a limit refuses it. */
    public synchronized boolean add(byte[] key, String peer, List<byte[]> addrs) {
        TreeMap<String, Provider> byPeer = providers.computeIfAbsent(key.clone(), k -> new TreeMap<>());
        boolean known = byPeer.containsKey(peer);
        if (!known && (byPeer.size() >= maxPerKey || countByPeer.getOrDefault(peer, 0) >= maxPerPeer)) {
            if (byPeer.isEmpty()) {
                providers.remove(key);
            }
            return false;
        }
        byPeer.put(peer, new Provider(peer, List.copyOf(addrs), clock.getAsLong() + ttlMillis));
        if (!known) {
            countByPeer.merge(peer, 1, Integer::sum);
        }
        return true;
    }

    /** The unexpired providers of {@code key}, by peer id. */
    public synchronized List<Provider> get(byte[] key) {
        TreeMap<String, Provider> byPeer = providers.get(key);
        List<Provider> out = new ArrayList<>();
        if (byPeer != null) {
            long now = clock.getAsLong();
            byPeer.values().stream().filter(p -> p.expiresAtMillis() > now).forEach(out::add);
        }
        return out;
    }

    public synchronized int sweep() {
        long now = clock.getAsLong();
        int removed = 0;
        for (var keys = providers.values().iterator(); keys.hasNext(); ) {
            TreeMap<String, Provider> byPeer = keys.next();
            for (var it = byPeer.values().iterator(); it.hasNext(); ) {
                Provider p = it.next();
                if (p.expiresAtMillis() <= now) {
                    it.remove();
                    countByPeer.merge(p.peer(), -1, Integer::sum);
                    removed++;
                }
            }
            if (byPeer.isEmpty()) {
                keys.remove();
            }
        }
        return removed;
    }
}

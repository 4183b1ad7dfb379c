package org.hypertensor.rpc.internal.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Requests in flight per client address, capped: one address cannot take every server thread or slot. */
final class AddressSlots {

    private final ConcurrentMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    /** Takes a slot for {@code address} unless it already holds {@code max}. */
    boolean tryAcquire(String address, int max) {
        boolean[] taken = {false};
        inFlight.compute(address, (a, n) -> {
            int held = n == null ? 0 : n;
            if (held >= max) {
                return n;
            }
            taken[0] = true;
            return held + 1;
        });
        return taken[0];
    }

    void release(String address) {
        inFlight.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    int inFlight(String address) {
        return inFlight.getOrDefault(address, 0);
    }
}

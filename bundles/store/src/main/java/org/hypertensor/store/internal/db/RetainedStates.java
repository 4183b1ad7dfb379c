package org.hypertensor.store.internal.db;

import java.util.concurrent.ConcurrentSkipListMap;
import org.hypertensor.store.internal.state.StateSnapshot;

/**
 * The committed states a store still answers {@code stateAt} for: the last {@code keepFinalized} finalized blocks
 * and everything newer, but never more than {@code maxStates} (the states share their unchanged nodes, but each
 * keeps its own changed paths in the heap). Thread-safe.
 */
final class RetainedStates {
    private final ConcurrentSkipListMap<Long, StateSnapshot> states = new ConcurrentSkipListMap<>();
    private final int keepFinalized;
    private final int maxStates;

    RetainedStates(int keepFinalized, int maxStates) {
        if (keepFinalized < 1 || maxStates < 1) {
            throw new IllegalArgumentException("retained states: keepFinalized and maxStates must be at least 1");
        }
        this.keepFinalized = keepFinalized;
        this.maxStates = maxStates;
    }

    /** Whether the state after block {@code number} is to be kept, given the head and the finalized block. */
    boolean keeps(long number, long head, long finalized) {
        return number >= floor(head, finalized);
    }

    private long floor(long head, long finalized) {
        long byFinality = finalized < 0 ? Long.MIN_VALUE : finalized - keepFinalized + 1;
        return Math.max(byFinality, head - maxStates + 1);
    }

    void put(long number, StateSnapshot state) {
        states.put(number, state);
    }

    StateSnapshot get(long number) {
        return states.get(number);
    }

    /** Drops the states no longer kept. */
    void prune(long head, long finalized) {
        states.headMap(floor(head, finalized)).clear();
    }

    /** Forgets every state (a failed import). */
    void clear() {
        states.clear();
    }

    int count() {
        return states.size();
    }
}

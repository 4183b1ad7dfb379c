package org.hypertensor.store.internal.paged;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The committed state after one block (-1: before genesis), read from the head's buckets with the newer blocks'
 * changes undone. Immutable and thread-safe; readable while the journal keeps the blocks after it (docs/state.md).
 */
public final class PagedSnapshot extends CommittedState {
    PagedSnapshot(StateEngine engine, long number, byte[] root, long size) {
        super(engine, number, root, size);
    }

    @Override
    Bucket bucket(int bucket) {
        return engine.undo(engine.headBucket(bucket), bucket, number());
    }

    @Override
    NavigableMap<Integer, byte[]> overrides() {
        return engine.overridesAt(number());
    }

    @Override
    List<Map.Entry<byte[], byte[]>> entries(byte[] prefix) {
        return engine.scan(prefix, number());
    }

    /** A new overlay on this state. */
    public PagedOverlay overlay() {
        return new PagedOverlay(this);
    }
}

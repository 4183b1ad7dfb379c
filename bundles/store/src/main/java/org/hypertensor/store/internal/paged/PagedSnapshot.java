package org.hypertensor.store.internal.paged;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The committed state after one block (-1: before genesis), read from the head's buckets with the newer blocks'
 * changes undone. Immutable and thread-safe; readable while the journal keeps the blocks after it (docs/state.md).
 */
public final class PagedSnapshot extends PagedReader {
    private final long number;
    private final byte[] root;
    private final long size;

    PagedSnapshot(StateEngine engine, long number, byte[] root, long size) {
        super(engine);
        this.number = number;
        this.root = root.clone();
        this.size = size;
    }

    public long number() {
        return number;
    }

    @Override
    Bucket bucket(int bucket) {
        return engine.undo(engine.headBucket(bucket), bucket, number);
    }

    @Override
    NavigableMap<Integer, byte[]> overrides() {
        return engine.overridesAt(number);
    }

    @Override
    public byte[] root() {
        return root.clone();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public List<Map.Entry<byte[], byte[]>> scan(byte[] prefix) {
        if (prefix == null) {
            throw new IllegalArgumentException("scan prefix is null");
        }
        return engine.scan(prefix, number);
    }

    /** A new overlay on this state. */
    public PagedOverlay overlay() {
        return new PagedOverlay(this);
    }
}

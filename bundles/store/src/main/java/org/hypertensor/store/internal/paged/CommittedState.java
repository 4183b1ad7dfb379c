package org.hypertensor.store.internal.paged;

import java.util.List;
import java.util.Map;

/** The committed state after one block (-1: before genesis) with its recorded root and size: a read-only version. */
abstract class CommittedState extends PagedReader {
    private final long number;
    private final byte[] root;
    private final long size;

    CommittedState(StateEngine engine, long number, byte[] root, long size) {
        super(engine);
        this.number = number;
        this.root = root.clone();
        this.size = size;
    }

    public long number() {
        return number;
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
        return entries(prefix);
    }

    /** This version's entries whose key starts with {@code prefix}, sorted by unsigned key. */
    abstract List<Map.Entry<byte[], byte[]>> entries(byte[] prefix);
}

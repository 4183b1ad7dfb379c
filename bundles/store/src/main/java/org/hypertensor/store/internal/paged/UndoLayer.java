package org.hypertensor.store.internal.paged;

import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one committed block changed, to read the states before it: every changed key with its value before the
 * block (null: absent), and every changed bucket with its hash before and after. Immutable once published.
 */
public record UndoLayer(
        long number,
        NavigableMap<byte[], Bucket.Change> before,
        NavigableMap<Integer, byte[]> bucketsBefore,
        NavigableMap<Integer, byte[]> bucketsAfter,
        long sizeAfter) {

    static NavigableMap<byte[], Bucket.Change> newChanges() {
        return new TreeMap<>(Bits.UNSIGNED);
    }

    /** The changed keys of one bucket. */
    SortedMap<byte[], Bucket.Change> inBucket(int bucket, int bits) {
        byte[] from = Bits.bucketStart(bucket, bits);
        return bucket + 1 == (1 << bits)
                ? before.tailMap(from, true)
                : before.subMap(from, true, Bits.bucketStart(bucket + 1, bits), false);
    }
}

package org.hypertensor.store.internal.paged;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The head's buckets most recently used, within a byte budget (least recently used evicted first). A bucket read
 * from the database is added only if no commit changed the head meanwhile ({@link #version}), so the cache never
 * holds an older version than the head. Thread-safe.
 */
public final class BucketCache {
    private final long maxBytes;
    private final LinkedHashMap<Integer, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long version;
    private long hits;
    private long misses;
    private long evictions;

    BucketCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Bucket get(int bucket) {
        Bucket b = buckets.get(bucket);
        if (b == null) {
            misses++;
        } else {
            hits++;
        }
        return b;
    }

    /** Changes with every commit; read before loading a bucket from the database. */
    synchronized long version() {
        return version;
    }

    /** Adds a bucket read from the database at the head of {@code versionBefore}, unless a commit came since. */
    synchronized void putIfCurrent(int bucket, Bucket content, long versionBefore) {
        if (version == versionBefore) {
            store(bucket, content);
        }
    }

    /** The buckets a commit changed, as they are at the new head. */
    synchronized void committed(Map<Integer, Bucket> changed) {
        version++;
        for (Map.Entry<Integer, Bucket> e : changed.entrySet()) {
            store(e.getKey(), e.getValue());
        }
    }

    /** Forgets everything (a state replaced whole). */
    synchronized void clear() {
        version++;
        buckets.clear();
        bytes = 0;
    }

    private void store(int bucket, Bucket content) {
        Bucket old = buckets.put(bucket, content);
        if (old != null) {
            bytes -= old.bytes();
        }
        bytes += content.bytes();
        Iterator<Bucket> lru = buckets.values().iterator();
        while (bytes > maxBytes && lru.hasNext()) {
            bytes -= lru.next().bytes();
            lru.remove();
            evictions++;
        }
    }

    /** Bytes used, the limit, entries, hits, misses, evictions. */
    public record Stats(long bytes, long maxBytes, int buckets, long hits, long misses, long evictions) {}

    synchronized Stats stats() {
        return new Stats(bytes, maxBytes, buckets.size(), hits, misses, evictions);
    }
}

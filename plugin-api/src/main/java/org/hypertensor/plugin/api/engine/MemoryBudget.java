package org.hypertensor.plugin.api.engine;

import java.util.Locale;

/**
 * Bytes an engine lets its sessions' attention caches hold together: reserve when a session opens (a full
 * budget is refused at once with an {@link EngineMemoryException}), release when it closes.
 */
public final class MemoryBudget {

    private final long limit;
    private long used;

    public MemoryBudget(long limitBytes) {
        this.limit = limitBytes;
    }

    public synchronized void reserve(long bytes) {
        if (used + bytes > limit) {
            throw new EngineMemoryException("a session needs " + mb(bytes) + " MB of attention cache but only "
                    + mb(limit - used) + " of the engine's " + mb(limit) + " MB are free");
        }
        used += bytes;
    }

    public synchronized void release(long bytes) {
        used = Math.max(0, used - bytes);
    }

    public synchronized long free() {
        return limit - used;
    }

    public long limit() {
        return limit;
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.2f", bytes / 1048576.0);
    }
}

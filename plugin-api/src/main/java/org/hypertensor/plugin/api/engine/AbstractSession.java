package org.hypertensor.plugin.api.engine;

import java.util.function.LongConsumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The bookkeeping every engine's session shares: its shape, the position reached, the cache bytes
 * reserved when it was opened and given back exactly once on close. An engine keeps its caches in a
 * subclass and frees them in {@link #freeCache()}.
 */
@ConsumerType
public abstract class AbstractSession implements InferenceSession {

    private final int batch;
    private final int maxLength;
    private final long bytes;
    private final LongConsumer release;
    private int position;
    private boolean closed;

    /**
     * @param bytes the cache bytes reserved for this session
     * @param release gives {@code bytes} back (e.g. {@code budget::release}) when the session closes
     */
    protected AbstractSession(int batch, int maxLength, long bytes, LongConsumer release) {
        this.batch = batch;
        this.maxLength = maxLength;
        this.bytes = bytes;
        this.release = release;
    }

    /** Records that a step of {@code tokens} positions went into the cache (the engine calls it after a step). */
    public synchronized void advance(int tokens) {
        position += tokens;
    }

    /** Frees the engine's caches; called once, from {@link #close()}. */
    protected abstract void freeCache();

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public synchronized int position() {
        return position;
    }

    @Override
    public long cacheBytes() {
        return bytes;
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public final synchronized void close() {
        if (!closed) {
            closed = true;
            freeCache();
            release.accept(bytes);
        }
    }
}

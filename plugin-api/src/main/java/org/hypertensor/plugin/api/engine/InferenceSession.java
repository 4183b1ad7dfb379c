package org.hypertensor.plugin.api.engine;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One sequence (times a batch) running through {@link LoadedBlocks}: owns the keys and values of every
 * position already processed, allocated for {@link #maxLength()} positions when opened and released by
 * {@link #close()}. Not thread-safe: one step at a time.
 */
@ProviderType
public interface InferenceSession extends AutoCloseable {

    int batch();

    int maxLength();

    /** Positions already in the cache: where the next step starts. */
    int position();

    /** Bytes of attention cache held. */
    long cacheBytes();

    boolean isClosed();

    /** Releases the cache; further steps throw. Idempotent. */
    @Override
    void close();
}

package org.hypertensor.bft.api;

import java.io.IOException;

/**
 * The double-sign guard: persists what the validator is about to sign before the signed message leaves
 * the node, so that after a crash and restart the machine (given {@link #last()}) never signs a
 * conflicting message. {@link Bft#fileSignGuard} writes a file atomically (temp file, fsync, rename).
 */
public interface SignGuard {

    /** The last record persisted, or {@code null} if this validator never signed. */
    SignRecord last();

    /**
     * Persists {@code next} durably before returning.
     *
     * @throws IOException if it could not be made durable (the caller must not release the message)
     * @throws IllegalStateException if {@code next} is not allowed after {@link #last()} (a double sign)
     */
    void record(SignRecord next) throws IOException;
}

package org.hypertensor.model.api;

/** Told how far a long step (hashing, generating weights) has come. */
@FunctionalInterface
public interface LoadProgress {

    LoadProgress NONE = (stage, done, total) -> {};

    /** {@code done} of {@code total} bytes (or items) of {@code stage} are finished. */
    void progress(String stage, long done, long total);
}

package org.hypertensor.store.api;

/**
 * A writable view over a committed state. Reads see its own writes; {@link #root()} includes them and is computed
 * incrementally (only the paths of changed keys are rehashed). Not thread-safe.
 */
public interface StateOverlay extends StateReader {
    /** Keys at most {@value #MAX_KEY_BYTES} bytes, values non-null and at most {@value #MAX_VALUE_BYTES} bytes. */
    int MAX_KEY_BYTES = 256;

    int MAX_VALUE_BYTES = 1 << 20;

    /** @throws IllegalArgumentException on a null or too long key or value */
    void put(byte[] key, byte[] value);

    /** Removes {@code key}; a no-op if absent. */
    void delete(byte[] key);

    /** Opens a (nested) checkpoint and returns its id; ids grow from 0 in stack order. */
    int checkpoint();

    /**
     * Undoes every write made since {@code checkpoint} was opened and drops the checkpoints opened after it. The
     * checkpoint itself stays open (it may be reverted to again, or released).
     *
     * @throws IllegalArgumentException if the checkpoint is not open
     */
    void revertTo(int checkpoint);

    /**
     * Keeps the writes and forgets {@code checkpoint} and every checkpoint opened after it.
     *
     * @throws IllegalArgumentException if the checkpoint is not open
     */
    void release(int checkpoint);

    /**
     * Number of keys whose value differs from the base state (added, changed or deleted). Computed by comparing the
     * overlay with its base: O(changed keys × log n) per call, so call it once per block, not per transaction.
     */
    int changedKeys();
}

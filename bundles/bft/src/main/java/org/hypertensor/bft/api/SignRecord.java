package org.hypertensor.bft.api;

import java.util.Objects;

/**
 * What a validator last signed: height, round, step and value (null for nil). The double-sign rule: a
 * validator may sign {@code (h, r, s, v)} only if {@code (h, r, s)} is above the last record's in
 * lexicographic order, or equal with the same value (signing the same message again is harmless).
 */
public record SignRecord(long height, int round, Step step, BlockHash value) {

    public SignRecord {
        Objects.requireNonNull(step, "step");
        if (height < 0 || round < 0) {
            throw new IllegalArgumentException("negative height or round");
        }
    }

    /** Whether a validator whose last signature is this record may sign {@code next}. */
    public boolean allows(SignRecord next) {
        int c = compareSlot(next);
        return c < 0 || (c == 0 && Objects.equals(value, next.value));
    }

    /** Compares the slots (height, round, step) of this and {@code other}. */
    public int compareSlot(SignRecord other) {
        int c = Long.compare(height, other.height);
        if (c == 0) {
            c = Integer.compare(round, other.round);
        }
        return c != 0 ? c : step.compareTo(other.step);
    }
}

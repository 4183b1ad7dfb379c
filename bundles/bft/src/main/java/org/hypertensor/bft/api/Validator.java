package org.hypertensor.bft.api;

import java.util.Objects;

/**
 * A validator: its Ed25519 public key and its voting power (at least 1, at most
 * {@link ValidatorSet#MAX_TOTAL_POWER}).
 */
public record Validator(ValidatorKey key, long power) {

    public Validator {
        Objects.requireNonNull(key, "key");
        if (power < 1 || power > ValidatorSet.MAX_TOTAL_POWER) {
            throw new IllegalArgumentException(
                    "voting power must be between 1 and " + ValidatorSet.MAX_TOTAL_POWER + ", got " + power);
        }
    }
}

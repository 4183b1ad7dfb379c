package org.hypertensor.ledger.api.runtime;

/**
 * One callable function of a module. {@code feeFreeOnSuccess}: the fee is refunded when the call
 * succeeds (score submissions: at most one per node per epoch, so it cannot be used to spam), and kept
 * when it fails.
 */
public record CallSpec(String function, boolean feeFreeOnSuccess) {

    public static CallSpec paid(String function) {
        return new CallSpec(function, false);
    }

    public static CallSpec freeOnSuccess(String function) {
        return new CallSpec(function, true);
    }
}

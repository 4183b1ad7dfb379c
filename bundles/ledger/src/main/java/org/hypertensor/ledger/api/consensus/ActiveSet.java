package org.hypertensor.ledger.api.consensus;

/**
 * The validator set of one height as chain state keeps it, and the first height of the run of heights
 * it has been unchanged for ({@code since}): an engine derives per-height state (Tendermint's proposer
 * priorities) from {@code since} on, so every node derives the same.
 */
public record ActiveSet(long height, long since, ValidatorSet validators) {

    public ActiveSet {
        java.util.Objects.requireNonNull(validators, "validators");
        if (since < 1 || since > height) {
            throw new IllegalArgumentException("since " + since + " is not in 1.." + height);
        }
    }
}

package org.hypertensor.bft.api;

/**
 * What the machine needs from the chain, implemented by the adaptor: a block to propose and the validity
 * of a proposed one. Called on the machine's thread; must be deterministic for one block (the machine
 * asks about a value at a height at most once and remembers the answer).
 */
public interface Application {

    /**
     * Builds a block for {@code height} (the adaptor keeps its bytes to send beside the proposal) and
     * returns its hash. Called when this validator proposes and has no valid value from an earlier round.
     */
    BlockHash proposeValue(long height, int round);

    /**
     * Whether the block {@code value} proposed for {@code height} is valid: its bytes arrived and it executes
     * on the parent state (without committing). The adaptor feeds a proposal to the machine only once the
     * block's bytes are there.
     */
    boolean isValid(long height, BlockHash value);
}

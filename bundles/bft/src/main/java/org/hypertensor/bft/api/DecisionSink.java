package org.hypertensor.bft.api;

/** Receives what a {@link ConsensusDriver} decides and detects. Called on the driver's thread. */
public interface DecisionSink {

    /**
     * Block {@code value} is final at {@code height}. Commit it with {@code certificate}, then call
     * {@link ConsensusDriver#start} for {@code height + 1} (from any thread).
     */
    void decided(long height, BlockHash value, Certificate certificate);

    /** A validator equivocated: submit {@code evidence} as a transaction. */
    default void evidence(Evidence evidence) {}
}

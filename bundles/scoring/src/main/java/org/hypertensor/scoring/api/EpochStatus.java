package org.hypertensor.scoring.api;

/** How a subnet's epoch ended at its consensus block. Only {@code CONSENSUS} epochs are paid. */
public enum EpochStatus {
    /** Scores agreed: penalties, removals and rewardable nodes below. */
    CONSENSUS,
    /** Fewer submissions than SubmitQuorumBp of the submit-eligible nodes: one subnet error. */
    NO_QUORUM,
    /** Unconfirms reached UnconfirmThresholdBp: the epoch is void (an error past MaxConsecutiveUnconfirmed). */
    UNCONFIRMED,
    /** The subnet is younger than SubnetSubmitEpochs. */
    TOO_YOUNG,
    /** The subnet has more than MaxSubnetEpochErrors errors. */
    TOO_MANY_ERRORS
}

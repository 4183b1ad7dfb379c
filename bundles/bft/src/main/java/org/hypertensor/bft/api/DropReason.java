package org.hypertensor.bft.api;

/** Why the machine ignored a received vote or proposal (counted per reason, see {@link MachineStatus}). */
public enum DropReason {
    /** Signed by a key outside the validator set of the height. */
    NOT_VALIDATOR,
    /** A proposal from a validator that is not the round's proposer. */
    NOT_PROPOSER,
    /** A height the machine is not working on (below it, or more than one above it). */
    OTHER_HEIGHT,
    /** The signature does not verify. */
    BAD_SIGNATURE,
    /** The same message again. */
    DUPLICATE,
    /**
     * More distinct values from one validator at one slot than the machine keeps (an equivocator; the
     * second value already produced evidence and counted).
     */
    EQUIVOCATION,
    /** A round too far above the current one to keep (still counts towards skipping rounds). */
    ROUND_TOO_FAR,
    /** Malformed content (a proposal's valid round not below its round). */
    INVALID,
    /** Messages for the next height beyond what the machine buffers. */
    BUFFER_FULL,
    /** More distinct proposals in one round than the machine keeps (an equivocating proposer). */
    PROPOSAL_LIMIT,
    /** The machine was asked for a message before it was started, or it had decided the height. */
    NOT_STARTED
}

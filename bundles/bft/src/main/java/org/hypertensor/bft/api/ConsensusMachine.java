package org.hypertensor.bft.api;

import java.util.List;

/**
 * The Tendermint consensus algorithm (Algorithm 1 of the paper) as a pure state machine: each input
 * returns the effects to perform, in order. No threads, clock or I/O inside; not thread-safe (one
 * thread feeds it: {@link ConsensusDriver}, or a test). Values are block hashes; {@link Application}
 * builds and checks blocks.
 *
 * <p>Messages are verified here (validator membership, signature, height, duplicates; conflicting
 * votes become {@link Evidence}). Messages for the next height are buffered (bounded) and replayed by
 * {@link #start}. The machine signs only what the double-sign rule allows after the
 * {@link MachineConfig#lastSigned()} record it was created with.
 */
public interface ConsensusMachine {

    /**
     * Starts {@code height} (above any height started before) with its validator set: round 0, and a
     * proposal when this validator is round 0's proposer.
     *
     * @throws IllegalArgumentException if {@code height} is not above the current height
     */
    List<Effect> start(long height, ValidatorSet validators);

    /** A proposal arrived (its block's bytes are with the adaptor). */
    List<Effect> onProposal(Proposal proposal);

    /** A vote arrived. */
    List<Effect> onVote(Vote vote);

    /** A timeout the machine scheduled fired. */
    List<Effect> onTimeout(Timeout timeout);

    /**
     * The machine's own signed messages of the current round, to send again: the network may have lost
     * them (a partition that healed, a peer that reconnected). Already recorded by the guard, so no
     * {@link Effect.AboutToSign} precedes them. The driver calls this periodically.
     */
    List<Effect> retransmit();

    /** The current state, for operators. */
    MachineStatus status();
}

package org.hypertensor.bft.api;

/**
 * Where a {@link ConsensusDriver} sends its signed messages: the chain network's proposal and vote gossip
 * ({@code /hypertensor/<genesis-prefix>/blocks/1} with the block bytes, {@code /votes/1}). Called on the
 * driver's thread; must not block for long.
 */
public interface Outbound {

    /** Gossip a proposal, with the bytes of its block. */
    void broadcastProposal(Proposal proposal);

    /** Gossip a vote. */
    void broadcastVote(Vote vote);
}

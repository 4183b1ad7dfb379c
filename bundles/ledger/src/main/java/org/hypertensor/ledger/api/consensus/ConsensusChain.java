package org.hypertensor.ledger.api.consensus;

import java.util.Optional;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.store.api.StateReader;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The ledger as a consensus engine and block sync drive it (an OSGi service). Every committed block is
 * final: a block is committed only with a certificate the chain's {@link FinalityRule} accepts. Calls are
 * serialized by the ledger; a candidate stays executable until another block is committed.
 */
@ProviderType
public interface ConsensusChain {

    byte[] genesisHash();

    String chainId();

    /** The chain spec's target block time. */
    long blockTimeMs();

    /**
     * This node's validator key (config {@code validator.key}), for an engine that signs proposals and
     * votes; empty on a node that only follows.
     */
    Optional<Signer> validatorKey();

    /** The highest committed (final) block. */
    BlockInfo finalizedHead();

    /** The validators of {@code height} (the block at that number is finalized by them). */
    ValidatorSet validators(long height) throws ConsensusException;

    /**
     * The validator set of {@code height} with the height it took effect: chain state keeps the sets of
     * the head and of the next height only (other heights: a {@code ConsensusException}).
     *
     * @since 1.1
     */
    ActiveSet activeSet(long height) throws ConsensusException;

    /**
     * The most transactions a block takes now (the {@code MaxBlockTransactions} parameter, capped by the
     * block format): an engine starts the next height at once after a full block, as a backlog waits.
     *
     * @since 1.1
     */
    int maxBlockTransactions();

    /**
     * The set sudo calls scheduled for the next epoch (it takes effect at the first block {@code n} with
     * {@code n mod EpochLength == 0}); empty when nothing is scheduled.
     *
     * @since 1.1
     */
    Optional<ValidatorSet> scheduledValidators();

    /**
     * Submits equivocation evidence as a {@code validators.report_equivocation} transaction signed by this
     * node's validator key, through the pool; returns the transaction hash. Refused (with the reason) when
     * the evidence does not verify, was already reported, or this node has no validator key.
     *
     * @since 1.1
     */
    byte[] submitEvidence(byte[] evidence) throws ConsensusException;

    /**
     * Builds the next block from the pool, authored and sealed by {@code author} at {@code timestampMs}
     * (raised above the parent's), and executes it without committing.
     */
    CandidateBlock propose(Signer author, long timestampMs) throws ConsensusException;

    /**
     * Decodes, checks (parent, number, timestamp, author, seal, parent certificate, size, signatures) and
     * executes a block proposed by a peer, without committing; the state root must match its header.
     */
    CandidateBlock execute(byte[] encodedBlock) throws ConsensusException;

    /** Commits the candidate with hash {@code blockHash} (built or executed here) as final. */
    BlockInfo commit(byte[] blockHash, byte[] certificate) throws ConsensusException;

    /** Sync: executes, verifies the certificate of and commits the next block, served by a peer. */
    BlockInfo importFinalized(FinalizedBlock block) throws ConsensusException;

    /**
     * A committed block with its certificate, for peers that sync; empty above the head and below
     * {@link #bodiesFrom()}.
     */
    Optional<FinalizedBlock> finalizedBlock(long number);

    /**
     * The lowest block this node can serve whole ({@link #finalizedBlock}): older bodies are pruned
     * ({@code blocks.keep}), or the node began at that block by state sync. 0 on a full node.
     *
     * @since 1.3
     */
    default long bodiesFrom() {
        return 0;
    }

    /**
     * The state after finalized block {@code number}, for peers that join by state sync; empty when the store
     * no longer keeps it (or never had it: below the block this node itself started from).
     *
     * @since 1.2
     */
    default Optional<StateReader> finalizedState(long number) {
        return Optional.empty();
    }
}

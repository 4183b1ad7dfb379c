package org.hypertensor.ledger.api.consensus;

import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.store.api.StateImport;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A chain that starts by state sync (ledger config {@code sync.mode = state}) while its store is empty: no
 * genesis was executed and no {@link ConsensusChain} is registered yet. State sync picks a finalized block
 * from peers, checks it here, downloads that block's state into {@link #importState} and commits it; the
 * ledger then opens the chain at that block and registers its services as usual. An OSGi service.
 *
 * @since 1.2
 */
@ProviderType
public interface ChainBootstrap {

    /** The genesis hash the chain spec gives (computed, not stored): names the chain's protocols. */
    byte[] genesisHash();

    String chainId();

    /**
     * The chain spec's validator set: what a block's certificate is checked against before there is any
     * state (a multi-validator engine registers its {@link FinalityRule} for it).
     */
    ValidatorSet genesisValidators();

    /**
     * Checks a finalized block served by a peer: its certificate must verify against the chain spec's
     * validator set, the only set this node can trust before it has any state. Returns the block, whose
     * state root the state's chunks must prove against.
     *
     * @throws ConsensusException when it does not decode or its certificate does not verify
     *     ({@link ConsensusException#invalidBlock()}: the peer is at fault)
     */
    BlockInfo check(FinalizedBlock block) throws ConsensusException;

    /**
     * Starts the import of {@code block}'s state (checked as in {@link #check}); its
     * {@link StateImport#commit()} checks the root, stores the state with the block as head and finalized
     * head, and starts the chain there.
     */
    StateImport importState(FinalizedBlock block) throws ConsensusException;
}

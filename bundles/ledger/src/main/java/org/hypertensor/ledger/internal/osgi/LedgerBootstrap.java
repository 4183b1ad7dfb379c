package org.hypertensor.ledger.internal.osgi;

import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.consensus.ChainBootstrap;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.ledger.internal.chain.Chain;
import org.hypertensor.ledger.internal.chain.ChainException;
import org.hypertensor.store.api.StateImport;

/** The {@link ChainBootstrap} service of an empty chain waiting for state sync. */
public final class LedgerBootstrap implements ChainBootstrap {

    private final Chain chain;
    private final byte[] genesisHash;

    public LedgerBootstrap(Chain chain) throws ChainException {
        this.chain = chain;
        this.genesisHash = chain.computeGenesisHash();
    }

    @Override
    public byte[] genesisHash() {
        return genesisHash.clone();
    }

    @Override
    public String chainId() {
        return chain.spec().id();
    }

    @Override
    public BlockInfo check(FinalizedBlock block) throws ConsensusException {
        try {
            return chain.trustedStart(LedgerConsensus.decodeServed(block), block.certificate());
        } catch (ChainException e) {
            throw new ConsensusException(e.getMessage(), e.invalidBlock(), e);
        }
    }

    @Override
    public StateImport importState(FinalizedBlock block) throws ConsensusException {
        try {
            return chain.importState(LedgerConsensus.decodeServed(block), block.certificate());
        } catch (ChainException e) {
            throw new ConsensusException(e.getMessage(), e.invalidBlock(), e);
        }
    }
}

package org.hypertensor.ledger.internal.osgi;

import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.consensus.ChainBootstrap;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.ledger.api.consensus.ValidatorSet;
import org.hypertensor.ledger.internal.chain.Chain;
import org.hypertensor.ledger.internal.chain.ChainException;
import org.hypertensor.store.api.StateImport;
import org.hypertensor.store.api.StoreException;

/** The {@link ChainBootstrap} service of an empty chain waiting for state sync. */
public final class LedgerBootstrap implements ChainBootstrap {

    private final Chain chain;
    private final byte[] genesisHash;
    private final Runnable imported;

    /** @param imported run after an import committed (outside the chain's lock): the chain is open now */
    public LedgerBootstrap(Chain chain, Runnable imported) throws ChainException {
        this.chain = chain;
        this.genesisHash = chain.computeGenesisHash();
        this.imported = imported;
    }

    /** Outside OSGi (tests): nothing to tell after the import. */
    public LedgerBootstrap(Chain chain) throws ChainException {
        this(chain, () -> {});
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
    public ValidatorSet genesisValidators() {
        return chain.spec().validatorSet();
    }

    @Override
    public StateImport importState(FinalizedBlock block) throws ConsensusException {
        StateImport into;
        try {
            into = chain.importState(LedgerConsensus.decodeServed(block), block.certificate());
        } catch (ChainException e) {
            throw new ConsensusException(e.getMessage(), e.invalidBlock(), e);
        }
        return new StateImport() {
            @Override
            public void put(byte[] key, byte[] value) {
                into.put(key, value);
            }

            @Override
            public long keys() {
                return into.keys();
            }

            @Override
            public byte[] root() {
                return into.root();
            }

            @Override
            public void commit() throws StoreException {
                into.commit();
                imported.run();
            }

            @Override
            public void close() {
                into.close();
            }
        };
    }
}

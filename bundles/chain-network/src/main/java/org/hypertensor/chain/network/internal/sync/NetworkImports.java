package org.hypertensor.chain.network.internal.sync;

import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;

/**
 * Imports blocks that came from the network, and tells the finalized-block listener (on the same thread,
 * the ledger notifies synchronously) that this block is not ours to announce.
 */
public final class NetworkImports {

    private final ConsensusChain chain;
    private final ThreadLocal<Boolean> importing = ThreadLocal.withInitial(() -> Boolean.FALSE);

    public NetworkImports(ConsensusChain chain) {
        this.chain = chain;
    }

    public BlockInfo importFinalized(FinalizedBlock block) throws ConsensusException {
        importing.set(Boolean.TRUE);
        try {
            return chain.importFinalized(block);
        } finally {
            importing.set(Boolean.FALSE);
        }
    }

    /** True while this thread imports a block from the network. */
    public boolean importingHere() {
        return importing.get();
    }
}

package org.hypertensor.ledger.api.consensus;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How an engine proves a block final. The ledger checks every committed block's certificate with the
 * rule for its chain: the single-authority rule built in (one validator), or the one registered as an
 * OSGi service by a multi-validator engine.
 */
@ConsumerType
public interface FinalityRule {

    /** Short name for logs and the shell, e.g. {@code single-authority}, {@code tendermint}. */
    String name();

    /**
     * Checks that {@code certificate} finalizes block {@code number} with hash {@code blockHash} under the
     * validators of that height.
     *
     * @throws ConsensusException with {@code invalidBlock = true} when it does not
     */
    void verify(String chainId, long number, byte[] blockHash, byte[] certificate, ValidatorSet validators)
            throws ConsensusException;
}

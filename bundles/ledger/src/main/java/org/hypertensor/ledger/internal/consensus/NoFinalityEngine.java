package org.hypertensor.ledger.internal.consensus;

import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.FinalityRule;
import org.hypertensor.ledger.api.consensus.ValidatorSet;

/** A multi-validator chain while no engine's rule is installed: no certificate can be checked, so none is taken. */
public final class NoFinalityEngine implements FinalityRule {

    private final int validators;

    public NoFinalityEngine(int validators) {
        this.validators = validators;
    }

    @Override
    public String name() {
        return "none (" + validators + " validators need a BFT engine)";
    }

    @Override
    public void verify(String chainId, long number, byte[] blockHash, byte[] certificate, ValidatorSet set)
            throws ConsensusException {
        throw new ConsensusException(
                "cannot check the certificate of block " + number + ": the chain has " + validators
                        + " validators and no BFT engine is installed",
                false);
    }
}

package org.hypertensor.ledger.internal.consensus;

import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.FinalityRule;
import org.hypertensor.ledger.api.consensus.Validator;
import org.hypertensor.ledger.api.consensus.ValidatorSet;

/**
 * A chain of one validator: a block is final once its validator sealed it, so the certificate is that
 * seal (Ed25519 over the block hash by the only validator).
 */
public final class SingleAuthorityRule implements FinalityRule {

    @Override
    public String name() {
        return "single-authority";
    }

    @Override
    public void verify(String chainId, long number, byte[] blockHash, byte[] certificate, ValidatorSet validators)
            throws ConsensusException {
        if (validators.size() != 1) {
            throw new ConsensusException(
                    "block " + number + ": a single-authority certificate cannot finalize a set of " + validators.size()
                            + " validators",
                    true);
        }
        Validator only = validators.validators().get(0);
        if (certificate.length != 64 || !Ed25519.verify(only.account(), blockHash, certificate)) {
            throw new ConsensusException(
                    "block " + number + " has an invalid certificate (not its validator's seal)", true);
        }
    }
}

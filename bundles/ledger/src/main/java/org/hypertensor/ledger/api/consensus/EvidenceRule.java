package org.hypertensor.ledger.api.consensus;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Verifies equivocation evidence (the argument of {@code validators.report_equivocation}). A
 * {@link FinalityRule} service that also implements this interface is the chain's evidence verifier:
 * a chain that can check certificates can check evidence, so every node that imports blocks decides the
 * same way. The verification is pure (signatures and the evidence's own fields); the ledger then checks
 * that the offender is a validator and that the evidence is new.
 */
@ConsumerType
public interface EvidenceRule {

    /**
     * Decodes and verifies {@code evidence} for this chain.
     *
     * @throws ConsensusException with {@code invalidBlock = true} when it is not valid evidence (the
     *     message says why)
     */
    Equivocation verifyEvidence(byte[] evidence) throws ConsensusException;
}

package org.hypertensor.ledger.internal.consensus;

import java.util.Optional;
import org.hypertensor.ledger.api.consensus.EvidenceRule;
import org.hypertensor.ledger.api.consensus.FinalityRule;
import org.hypertensor.ledger.internal.block.Block;

/**
 * The finality rule a chain checks certificates with, and whether a block's own seal is its certificate
 * (the single authority's: then the head's certificate can be rebuilt after a restart).
 */
public record Finality(FinalityRule rule, boolean sealIsCertificate) {

    public static final Finality SINGLE_AUTHORITY = new Finality(new SingleAuthorityRule(), true);

    /** The rule's evidence verifier, when it is one (a BFT rule is; the single authority has no votes). */
    public Optional<EvidenceRule> evidenceRule() {
        return rule instanceof EvidenceRule e ? Optional.of(e) : Optional.empty();
    }

    /** The certificate a committed block proves itself final with, or {@code null} when it is not in the block. */
    public byte[] certificateOfSealed(Block block) {
        return sealIsCertificate ? block.seal() : null;
    }
}

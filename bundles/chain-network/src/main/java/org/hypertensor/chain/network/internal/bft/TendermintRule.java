package org.hypertensor.chain.network.internal.bft;

import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.Certificate;
import org.hypertensor.bft.api.Evidence;
import org.hypertensor.bft.api.VerificationException;
import org.hypertensor.bft.api.Vote;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.Equivocation;
import org.hypertensor.ledger.api.consensus.EvidenceRule;
import org.hypertensor.ledger.api.consensus.FinalityRule;
import org.hypertensor.ledger.api.consensus.ValidatorSet;

/**
 * A block is final with the signed precommits of more than two thirds of its height's voting power,
 * for that height and block hash, under the chain's id (its genesis hash). Equivocation evidence is two
 * votes of one validator at one (height, round, step) for different values, both signed under the chain's
 * id ({@link Evidence#verify}); whether the offender was a validator is the ledger's check.
 */
public final class TendermintRule implements FinalityRule, EvidenceRule {

    private final BlockHash chainId;

    public TendermintRule(byte[] genesisHash) {
        this.chainId = BlockHash.of(genesisHash);
    }

    @Override
    public String name() {
        return "tendermint";
    }

    @Override
    public void verify(String chain, long number, byte[] blockHash, byte[] certificate, ValidatorSet validators)
            throws ConsensusException {
        try {
            Certificate.decode(certificate).verifyFor(BftSets.of(validators), chainId, number, BlockHash.of(blockHash));
        } catch (VerificationException | RuntimeException e) {
            throw new ConsensusException(
                    "block " + number + " has an invalid finality certificate: " + e.getMessage(), true, e);
        }
    }

    @Override
    public Equivocation verifyEvidence(byte[] evidence) throws ConsensusException {
        Evidence e;
        try {
            e = Evidence.decode(evidence);
            e.verify(chainId);
        } catch (VerificationException | RuntimeException ex) {
            throw new ConsensusException("invalid equivocation evidence: " + ex.getMessage(), true, ex);
        }
        Vote v = e.first();
        return new Equivocation(
                e.offender().bytes(), v.height(), v.round(), v.type().code());
    }
}

package org.hypertensor.bft.internal.machine;

import java.util.TreeMap;
import org.hypertensor.bft.api.BlockHash;
import org.hypertensor.bft.api.Proposal;
import org.hypertensor.bft.api.Step;
import org.hypertensor.bft.api.ValidatorSet;

/** The messages of one round of the current height, and which once-per-round rules have fired. */
final class RoundState {

    /** Distinct proposals kept per round: more come only from an equivocating proposer. */
    static final int MAX_PROPOSALS = 8;

    final VoteTally prevotes;
    final VoteTally precommits;
    /** The proposer's proposals by value (an honest proposer sends one). */
    final TreeMap<BlockHash, Proposal> proposals = new TreeMap<>();
    /** The first proposal received: the one the prevote rules (lines 22, 28) act on. */
    Proposal first;

    boolean prevoteTimeoutScheduled; // line 34
    boolean polkaSeen; // line 36, "for the first time"
    boolean precommitTimeoutScheduled; // line 47

    RoundState(ValidatorSet validators) {
        prevotes = new VoteTally(validators);
        precommits = new VoteTally(validators);
    }

    VoteTally tally(Step type) {
        return type == Step.PREVOTE ? prevotes : precommits;
    }
}

package org.hypertensor.scoring.internal.epoch;

import org.hypertensor.ledger.api.runtime.RuntimeContext;

/** The consensus parameters of the chain spec, by the spec table's names. */
public record EpochRules(
        long submitQuorumBp,
        long unconfirmThresholdBp,
        long maxConsecutiveUnconfirmed,
        long maxOutlierDeltaBp,
        long nodeRemovalBp,
        long againstConsensusRemovalBp,
        long penaltyForgiveEpochs) {

    public static EpochRules of(RuntimeContext ctx) {
        return new EpochRules(
                ctx.parameter("SubmitQuorumBp"),
                ctx.parameter("UnconfirmThresholdBp"),
                ctx.parameter("MaxConsecutiveUnconfirmed"),
                ctx.parameter("MaxOutlierDeltaBp"),
                ctx.parameter("NodeRemovalBp"),
                ctx.parameter("AgainstConsensusRemovalBp"),
                ctx.parameter("PenaltyForgiveEpochs"));
    }

    /** The public-network defaults of {@code staking-and-consensus.md} (PenaltyForgiveEpochs 100). */
    public static EpochRules defaults() {
        return new EpochRules(5100, 5100, 2, 100, 7500, 2500, 100);
    }
}

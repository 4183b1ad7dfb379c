package org.hypertensor.staking.internal.state;

import java.math.BigInteger;
import org.hypertensor.ledger.api.runtime.RuntimeContext;

/** The chain spec parameters staking reads, by the spec table's names. */
public record Params(
        long epochLength,
        long subnetSubmitEpochs,
        long nodeInclusionEpochs,
        long nodeSubmitEpochs,
        long unbondingEpochs,
        long minNodes,
        long maxNodes,
        long maxSubnets,
        BigInteger minStake,
        BigInteger maxStake,
        BigInteger registrationFeePerNode,
        long exitWindowBp,
        long maxAccountPenalties,
        long maxSubnetEpochErrors,
        long slashBp) {

    public static Params of(RuntimeContext ctx) {
        return new Params(
                ctx.parameter("EpochLength"),
                ctx.parameter("SubnetSubmitEpochs"),
                ctx.parameter("NodeInclusionEpochs"),
                ctx.parameter("NodeSubmitEpochs"),
                ctx.parameter("UnbondingEpochs"),
                ctx.parameter("MinNodes"),
                ctx.parameter("MaxNodes"),
                ctx.parameter("MaxSubnets"),
                ctx.amount("MinStake"),
                ctx.amount("MaxStake"),
                ctx.amount("SubnetRegistrationFeePerNode"),
                ctx.parameter("ExitWindowBp"),
                ctx.parameter("MaxAccountPenalties"),
                ctx.parameter("MaxSubnetEpochErrors"),
                ctx.parameter("SlashBp"));
    }
}

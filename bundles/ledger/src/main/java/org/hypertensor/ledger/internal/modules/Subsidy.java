package org.hypertensor.ledger.internal.modules;

import java.math.BigInteger;

/**
 * The block subsidy (shared/spec/emissions.md): {@code InitialSubsidy = (TargetMaxSupply / 2) /
 * HalvingInterval}, halved every {@code HalvingInterval} blocks, zero from the 64th halving and at genesis.
 */
public final class Subsidy {

    private static final BigInteger BP = BigInteger.valueOf(10_000);

    private Subsidy() {}

    public static BigInteger initial(BigInteger targetMaxSupply, long halvingInterval) {
        return targetMaxSupply.divide(BigInteger.TWO).divide(BigInteger.valueOf(halvingInterval));
    }

    public static BigInteger atBlock(long block, BigInteger initial, long halvingInterval) {
        if (block < 1) {
            return BigInteger.ZERO;
        }
        long halvings = block / halvingInterval;
        return halvings >= 64 ? BigInteger.ZERO : initial.shiftRight((int) halvings);
    }

    /** The author's part, {@code subsidy × ValidatorRewardBp / 10000}; the rest goes to the vault. */
    public static BigInteger authorShare(BigInteger subsidy, long validatorRewardBp) {
        return subsidy.multiply(BigInteger.valueOf(validatorRewardBp)).divide(BP);
    }
}

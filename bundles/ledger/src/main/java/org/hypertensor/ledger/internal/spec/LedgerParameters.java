package org.hypertensor.ledger.internal.spec;

/**
 * The names of the ledger's own parameters (shared/spec/emissions.md, chain.md); their defaults and
 * ranges, and those of every module's parameters, are in {@link SpecParameters}.
 */
public final class LedgerParameters {

    public static final String TARGET_MAX_SUPPLY = "TargetMaxSupply";
    public static final String HALVING_INTERVAL = "HalvingInterval";
    public static final String VALIDATOR_REWARD_BP = "ValidatorRewardBp";
    public static final String FEE_AUTHOR_BP = "FeeAuthorBp";
    public static final String LENGTH_FEE = "LengthFee";
    public static final String BASE_FEE = "BaseFee";
    /** {@code BaseFee.<module>.<function>} overrides {@link #BASE_FEE} for one call. */
    public static final String BASE_FEE_PREFIX = "BaseFee.";

    public static final String MAX_BLOCK_TRANSACTIONS = "MaxBlockTransactions";

    private LedgerParameters() {}
}

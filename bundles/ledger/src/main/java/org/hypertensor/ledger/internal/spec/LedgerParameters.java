package org.hypertensor.ledger.internal.spec;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import org.hypertensor.ledger.api.Amounts;

/**
 * The ledger's own parameters and their defaults (shared/spec/emissions.md, chain.md). A chain spec
 * overrides any of them in {@code parameters}; other modules' parameters have no default here.
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

    static Map<String, BigInteger> withDefaults(Map<String, BigInteger> given) {
        Map<String, BigInteger> out = new TreeMap<>();
        out.put(TARGET_MAX_SUPPLY, Amounts.ONE_TENSOR.multiply(BigInteger.valueOf(28_000_000)));
        out.put(HALVING_INTERVAL, BigInteger.valueOf(5_256_000));
        out.put(VALIDATOR_REWARD_BP, BigInteger.valueOf(3000));
        out.put(FEE_AUTHOR_BP, BigInteger.valueOf(2000));
        out.put(LENGTH_FEE, BigInteger.TEN.pow(12));
        out.put(BASE_FEE, BigInteger.TEN.pow(15)); // 0.001 TENSOR
        out.put(MAX_BLOCK_TRANSACTIONS, BigInteger.valueOf(20_000));
        out.putAll(given);
        return out;
    }
}

package org.hypertensor.ledger.internal.spec;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hypertensor.ledger.api.Amounts;

/**
 * Every chain parameter of the spec's tables (shared/spec/staking-and-consensus.md, emissions.md,
 * chain.md) with its public-network default and the range {@code sudo.set_parameter} accepts. A chain spec
 * that leaves a parameter out gets its default when the module it belongs to is required ({@code null}
 * module: the ledger's own, always).
 */
public final class SpecParameters {

    /** One parameter: its module, public default and the inclusive range of its values. */
    public record Rule(String name, String module, BigInteger publicDefault, BigInteger min, BigInteger max) {

        /** {@code null} if {@code value} is in range, else why not. */
        public String check(BigInteger value) {
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                return name + " must be " + min + " to " + max + ", not " + value;
            }
            return null;
        }
    }

    private static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final long BP = 10_000;
    private static final long COUNT = 1_000_000_000;
    private static final String STAKING = "staking";
    private static final String CONSENSUS = "consensus";
    private static final String EMISSIONS = "emissions";

    /** In a fixed order: defaults are applied and listed the same way everywhere. */
    private static final List<Rule> RULES = List.of(
            // the ledger (emissions.md, chain.md)
            rule(LedgerParameters.TARGET_MAX_SUPPLY, null, tensor(28_000_000), BigInteger.ONE, U128_MAX),
            rule(LedgerParameters.HALVING_INTERVAL, null, 5_256_000, 1, COUNT),
            rule(LedgerParameters.VALIDATOR_REWARD_BP, null, 3000, 0, BP),
            rule(LedgerParameters.FEE_AUTHOR_BP, null, 2000, 0, BP),
            rule(LedgerParameters.LENGTH_FEE, null, BigInteger.TEN.pow(12), BigInteger.ZERO, U128_MAX),
            rule(LedgerParameters.BASE_FEE, null, BigInteger.TEN.pow(15), BigInteger.ZERO, U128_MAX),
            rule(LedgerParameters.MAX_BLOCK_TRANSACTIONS, null, 20_000, 1, 1_000_000),
            // staking (staking-and-consensus.md); an epoch needs r = 0, 1 and an exit window from r = 2
            rule("EpochLength", STAKING, 100, 3, 1_000_000),
            rule("SubnetSubmitEpochs", STAKING, 4, 0, COUNT),
            rule("NodeInclusionEpochs", STAKING, 2, 0, COUNT),
            rule("NodeSubmitEpochs", STAKING, 3, 1, COUNT),
            rule("UnbondingEpochs", STAKING, 12, 0, COUNT),
            rule("MinNodes", STAKING, 12, 1, COUNT),
            rule("MaxNodes", STAKING, 96, 1, COUNT),
            rule("MaxSubnets", STAKING, 32, 1, 0xFFFF_FFFFL),
            rule("MinStake", STAKING, tensor(1_000), BigInteger.ONE, U128_MAX),
            rule("MaxStake", STAKING, tensor(280_000), BigInteger.ONE, U128_MAX),
            rule("SubnetRegistrationFeePerNode", STAKING, tensor(28), BigInteger.ZERO, U128_MAX),
            rule("ExitWindowBp", STAKING, 2000, 0, BP),
            rule("MaxAccountPenalties", STAKING, 12, 0, COUNT),
            rule("MaxSubnetEpochErrors", STAKING, 100, 0, COUNT),
            rule("SlashBp", STAKING, 500, 0, BP),
            // consensus (scoring)
            rule("SubmitQuorumBp", CONSENSUS, 5100, 1, BP),
            rule("UnconfirmThresholdBp", CONSENSUS, 5100, 1, BP),
            rule("MaxConsecutiveUnconfirmed", CONSENSUS, 2, 0, COUNT),
            rule("MaxOutlierDeltaBp", CONSENSUS, 100, 0, BP),
            rule("NodeRemovalBp", CONSENSUS, 7500, 0, BP),
            rule("AgainstConsensusRemovalBp", CONSENSUS, 2500, 0, BP),
            rule("PenaltyForgiveEpochs", CONSENSUS, 100, 1, COUNT),
            rule("SubnetErrorForgiveEpochs", CONSENSUS, 100, 1, COUNT),
            // emissions
            rule("MaxSubnetRewardsBp", EMISSIONS, 4800, 1, BP),
            rule("StakeRewardBp", EMISSIONS, 4000, 0, BP));

    /** Pairs that must stay ordered: {@code low ≤ high} (or {@code <} when strict). */
    private record Order(String low, String high, boolean strict) {}

    private static final List<Order> ORDERS = List.of(
            new Order("MinNodes", "MaxNodes", false),
            new Order("MinStake", "MaxStake", false),
            new Order("NodeInclusionEpochs", "NodeSubmitEpochs", true));

    private SpecParameters() {}

    /** Parameters whose change waits for the current epoch to end (an epoch keeps the length it began with). */
    private static final List<String> AT_EPOCH_BOUNDARY = List.of("EpochLength");

    public static boolean changesAtEpochBoundary(String name) {
        return AT_EPOCH_BOUNDARY.contains(name);
    }

    public static List<Rule> rules() {
        return RULES;
    }

    public static Optional<Rule> rule(String name) {
        for (Rule r : RULES) {
            if (r.name().equals(name)) {
                return Optional.of(r);
            }
        }
        if (name.startsWith(LedgerParameters.BASE_FEE_PREFIX)) {
            return Optional.of(new Rule(name, null, BigInteger.ZERO, BigInteger.ZERO, U128_MAX));
        }
        return Optional.empty();
    }

    /**
     * {@code given} plus the default of every parameter left out whose module is required (the ledger's
     * always).
     */
    static Map<String, BigInteger> withDefaults(Map<String, BigInteger> given, List<String> modules) {
        Map<String, BigInteger> out = new TreeMap<>();
        for (Rule r : RULES) {
            if (r.module() == null || modules.contains(r.module())) {
                out.put(r.name(), r.publicDefault());
            }
        }
        out.putAll(given);
        return out;
    }

    /**
     * Why setting {@code name} to {@code value} on top of {@code current} (name to value) is refused, or
     * {@code null}: out of its range, or breaking an order such as MinStake ≤ MaxStake.
     */
    public static String refusal(
            String name, BigInteger value, java.util.function.Function<String, BigInteger> current) {
        Optional<Rule> rule = rule(name);
        if (rule.isPresent()) {
            String why = rule.get().check(value);
            if (why != null) {
                return why;
            }
        }
        for (Order o : ORDERS) {
            BigInteger low = o.low().equals(name) ? value : current.apply(o.low());
            BigInteger high = o.high().equals(name) ? value : current.apply(o.high());
            if ((o.low().equals(name) || o.high().equals(name)) && low != null && high != null) {
                int c = low.compareTo(high);
                if (c > 0 || (o.strict() && c == 0)) {
                    return o.low() + " (" + low + ") must be " + (o.strict() ? "below " : "at most ") + o.high() + " ("
                            + high + ")";
                }
            }
        }
        return null;
    }

    private static Rule rule(String name, String module, long def, long min, long max) {
        return new Rule(name, module, BigInteger.valueOf(def), BigInteger.valueOf(min), BigInteger.valueOf(max));
    }

    private static Rule rule(String name, String module, BigInteger def, BigInteger min, BigInteger max) {
        return new Rule(name, module, def, min, max);
    }

    private static BigInteger tensor(long n) {
        return Amounts.ONE_TENSOR.multiply(BigInteger.valueOf(n));
    }
}

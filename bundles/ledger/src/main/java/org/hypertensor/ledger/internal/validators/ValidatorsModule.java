package org.hypertensor.ledger.internal.validators;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.Equivocation;
import org.hypertensor.ledger.api.consensus.EvidenceRule;
import org.hypertensor.ledger.api.consensus.Validator;
import org.hypertensor.ledger.api.consensus.ValidatorSet;
import org.hypertensor.ledger.api.runtime.CallContext;
import org.hypertensor.ledger.api.runtime.CallSpec;
import org.hypertensor.ledger.api.runtime.ModuleError;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.ledger.internal.exec.ExecutionContext;

/**
 * {@code validators}: the chain's validator set in state (see {@link ValidatorRegistry}).
 *
 * <ul>
 *   <li>Genesis: the chain spec's validators, each bond reserved from its balance.
 *   <li>{@code report_equivocation(evidence bytes)}, anyone, free when it succeeds: verified by the
 *       chain's {@link EvidenceRule}; the offender must be in the set (and have joined by the evidence's
 *       height); {@code floor(bond × SlashBp / 10000)} of its bond goes to the rewards vault, the rest is
 *       unreserved, and it leaves the set from the next height. The same (offender, height, round, step)
 *       twice is {@code DuplicateEvidence}.
 *   <li>Root calls (through {@code sudo.sudo}): {@code add(account 32, power u64, bond u128)} (the bond is
 *       reserved now), {@code remove(account 32)}, {@code set_power(account 32, power u64)}. They change
 *       the set of the next epoch: from the first block {@code n} with {@code n mod EpochLength == 0} after
 *       the call. A removed validator's bond is unreserved when it leaves.
 * </ul>
 */
public final class ValidatorsModule implements RuntimeModule {

    public static final String NAME = "validators";
    static final int MAX_EVIDENCE_BYTES = 4096;
    /** Bound of one validator's power and of the total (the BFT bundle's bound: 3 × power never overflows). */
    static final long MAX_TOTAL_POWER = Long.MAX_VALUE / 8;
    /** The spec's SlashBp when a chain does not set it (staking-and-consensus.md). */
    static final long DEFAULT_SLASH_BP = 500;

    private final ValidatorSet genesisSet;
    private final Supplier<Optional<EvidenceRule>> evidenceRule;

    /**
     * @param genesisSet the chain spec's validators
     * @param evidenceRule the chain's evidence verifier (the finality rule's, when it is one)
     */
    public ValidatorsModule(ValidatorSet genesisSet, Supplier<Optional<EvidenceRule>> evidenceRule) {
        this.genesisSet = genesisSet;
        this.evidenceRule = evidenceRule;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<CallSpec> calls() {
        return List.of(
                CallSpec.freeOnSuccess("report_equivocation"),
                CallSpec.paid("add"),
                CallSpec.paid("remove"),
                CallSpec.paid("set_power"));
    }

    public static byte[] reportArgs(byte[] evidence) {
        return new Encoder().bytes(evidence).toByteArray();
    }

    public static byte[] addArgs(byte[] account, long power, BigInteger bond) {
        return new Encoder().fixed(account).u64(power).u128(bond).toByteArray();
    }

    public static byte[] removeArgs(byte[] account) {
        return new Encoder().fixed(account).toByteArray();
    }

    public static byte[] setPowerArgs(byte[] account, long power) {
        return new Encoder().fixed(account).u64(power).toByteArray();
    }

    @Override
    public void genesis(RuntimeContext context, Map<String, Object> config) {
        List<Member> members = new ArrayList<>();
        for (Validator v : genesisSet.validators()) {
            if (v.bond().signum() > 0) {
                context.balances().reserve(v.account(), v.bond());
            }
            members.add(new Member(v.account(), v.power(), v.bond(), 1));
        }
        new ValidatorRegistry(context.storage()).init(members);
    }

    @Override
    public void onInitialize(RuntimeContext context) {
        new ValidatorRegistry(context.storage()).begin(context.blockNumber());
    }

    /** The set of the next height: the pending one at an epoch boundary, else the current one less the slashed. */
    @Override
    public void onFinalize(RuntimeContext context) {
        ValidatorRegistry registry = new ValidatorRegistry(context.storage());
        long nextHeight = context.blockNumber() + 1;
        List<Member> next = registry.next();
        Optional<List<Member>> pending = registry.pendingMembers();
        if (pending.isPresent() && nextHeight % epochLength(context) == 0) {
            for (Member old : next) {
                Member now = find(pending.get(), old.account());
                // Unreserve the bond of one who leaves (or was removed and added again with a new bond).
                if (now == null || now.joined() != old.joined()) {
                    unreserve(context, old);
                }
            }
            next = pending.get();
            registry.clearPending();
        }
        registry.setNext(next, nextHeight);
    }

    @Override
    public void dispatch(CallContext context, String function, Decoder args) {
        ValidatorRegistry registry = new ValidatorRegistry(context.storage());
        switch (function) {
            case "report_equivocation" -> report(context, registry, args.bytes(MAX_EVIDENCE_BYTES));
            case "add" -> {
                context.ensureRoot();
                if (genesisSet.size() == 1) {
                    // The spec's single validator is the single authority (its seal is the certificate):
                    // a second one would need BFT, which such a chain does not run.
                    throw new ModuleError(
                            "SingleAuthority",
                            "a chain that starts with one validator is finalized by it alone; validators are"
                                    + " added on a chain that starts with several (BFT)");
                }
                add(context, registry, args.fixed(32), args.u64(), args.u128());
            }
            case "remove" -> {
                context.ensureRoot();
                remove(context, registry, args.fixed(32));
            }
            case "set_power" -> {
                context.ensureRoot();
                setPower(context, registry, args.fixed(32), args.u64());
            }
            default -> throw new ModuleError("UnknownCall", "validators has no call " + function);
        }
    }

    private void report(CallContext context, ValidatorRegistry registry, byte[] evidence) {
        context.ensureSigned();
        EvidenceRule rule = evidenceRule
                .get()
                .orElseThrow(() -> new ModuleError(
                        "NoEvidenceRule", "this chain's finality rule does not verify equivocation evidence"));
        Equivocation e;
        try {
            e = rule.verifyEvidence(evidence);
        } catch (ConsensusException ex) {
            throw new ModuleError("InvalidEvidence", ex.getMessage());
        }
        if (e.height() > context.blockNumber()) {
            throw new ModuleError(
                    "InvalidEvidence",
                    "evidence of height " + e.height() + " is ahead of this block, " + context.blockNumber());
        }
        if (registry.reported(e)) {
            throw new ModuleError(
                    "DuplicateEvidence",
                    "this equivocation (height " + e.height() + ", round " + e.round() + ", step " + e.step()
                            + ") was reported already");
        }
        List<Member> next = new ArrayList<>(registry.next());
        Member offender = find(next, e.offender());
        if (offender == null || offender.joined() > e.height()) {
            throw new ModuleError(
                    "NotAValidator",
                    "the offender is not a validator (any more) or was not one at height " + e.height());
        }
        registry.markReported(e);
        BigInteger reserved = context.balances().reserved(e.offender());
        BigInteger bond = offender.bond().min(reserved);
        BigInteger slash = bond.multiply(BigInteger.valueOf(slashBp(context))).divide(BigInteger.valueOf(10_000));
        if (slash.signum() > 0) {
            context.balances().slashReserved(e.offender(), slash);
        }
        if (next.size() == 1) {
            // A chain keeps one validator at least: the last one is slashed but stays.
            next.set(
                    0,
                    new Member(
                            offender.account(),
                            offender.power(),
                            offender.bond().subtract(slash),
                            offender.joined()));
            registry.setNext(next, context.blockNumber() + 1);
            return;
        }
        BigInteger rest = bond.subtract(slash);
        if (rest.signum() > 0) {
            context.balances().unreserve(e.offender(), rest);
        }
        next.remove(offender);
        registry.setNext(next, context.blockNumber() + 1);
        Optional<List<Member>> pending = registry.pendingMembers();
        if (pending.isPresent()) {
            List<Member> p = new ArrayList<>(pending.get());
            p.removeIf(m -> m.is(e.offender()));
            if (p.isEmpty()) {
                registry.clearPending();
            } else {
                registry.setPending(p);
            }
        }
    }

    private static void add(
            CallContext context, ValidatorRegistry registry, byte[] account, long power, BigInteger bond) {
        List<Member> pending = new ArrayList<>(scheduled(registry));
        if (find(pending, account) != null) {
            throw new ModuleError("AlreadyValidator", "the account is a validator of the next epoch already");
        }
        checkPower(power);
        if (bond.signum() > 0) {
            context.balances().reserve(account, bond);
        }
        pending.add(new Member(account, power, bond, nextEpochStart(context)));
        schedule(registry, pending);
    }

    private static void remove(CallContext context, ValidatorRegistry registry, byte[] account) {
        List<Member> pending = new ArrayList<>(scheduled(registry));
        Member m = find(pending, account);
        if (m == null) {
            throw new ModuleError("NotAValidator", "the account is not a validator of the next epoch");
        }
        if (pending.size() == 1) {
            throw new ModuleError("LastValidator", "the chain's last validator cannot be removed");
        }
        pending.remove(m);
        if (m.joined() >= nextEpochStart(context)) {
            // Added in this epoch and removed again before it validated: its bond goes back now.
            unreserve(context, m);
        }
        schedule(registry, pending);
    }

    private static void setPower(CallContext context, ValidatorRegistry registry, byte[] account, long power) {
        List<Member> pending = new ArrayList<>(scheduled(registry));
        Member m = find(pending, account);
        if (m == null) {
            throw new ModuleError("NotAValidator", "the account is not a validator of the next epoch");
        }
        checkPower(power);
        pending.set(pending.indexOf(m), m.withPower(power));
        schedule(registry, pending);
    }

    private static List<Member> scheduled(ValidatorRegistry registry) {
        return registry.pendingMembers().orElseGet(registry::next);
    }

    private static void schedule(ValidatorRegistry registry, List<Member> members) {
        long total = 0;
        for (Member m : members) {
            total += m.power();
            if (total > MAX_TOTAL_POWER) {
                throw new ModuleError("PowerTooHigh", "the total voting power would exceed " + MAX_TOTAL_POWER);
            }
        }
        registry.setPending(ValidatorRegistry.sorted(members));
    }

    private static void checkPower(long power) {
        if (power <= 0 || power > MAX_TOTAL_POWER) {
            throw new ModuleError("InvalidPower", "voting power must be 1 to " + MAX_TOTAL_POWER + ", not " + power);
        }
    }

    private static void unreserve(RuntimeContext context, Member m) {
        BigInteger amount = m.bond().min(context.balances().reserved(m.account()));
        if (amount.signum() > 0) {
            context.balances().unreserve(m.account(), amount);
        }
    }

    private static Member find(List<Member> members, byte[] account) {
        for (Member m : members) {
            if (m.is(account)) {
                return m;
            }
        }
        return null;
    }

    /** The first block of the next epoch: {@code n − n mod EpochLength + EpochLength}. */
    static long nextEpochStart(RuntimeContext context) {
        long n = context.blockNumber();
        long length = epochLength(context);
        return n - n % length + length;
    }

    /** EpochLength, or 1 (every block starts an epoch) on a chain without staking parameters. */
    static long epochLength(RuntimeContext context) {
        BigInteger value = ((ExecutionContext) context).system().parameter("EpochLength");
        return value == null || value.signum() <= 0 ? 1 : value.longValueExact();
    }

    static long slashBp(RuntimeContext context) {
        BigInteger value = ((ExecutionContext) context).system().parameter("SlashBp");
        return value == null ? DEFAULT_SLASH_BP : Math.min(10_000, value.longValueExact());
    }
}

package org.hypertensor.ledger.internal.exec;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.TransactionRejected.Reason;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.runtime.CallSpec;
import org.hypertensor.ledger.api.runtime.ModuleError;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.modules.BalancesState;
import org.hypertensor.ledger.internal.spec.ChainSpec;
import org.hypertensor.ledger.internal.state.SystemState;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state transition: genesis, then per block the modules' {@code on_initialize} hooks, the
 * transactions in order (fee, nonce, dispatch — a failed call reverts its own writes and keeps the fee
 * and the nonce bump), then the {@code on_finalize} hooks. Deterministic given the state, the block
 * environment and the transactions.
 */
public final class Executive {

    private static final Logger LOG = LoggerFactory.getLogger(Executive.class);

    private final ModuleSet modules;

    public Executive(ModuleSet modules) {
        this.modules = modules;
    }

    public ModuleSet modules() {
        return modules;
    }

    /** Writes the genesis state: parameters, the sudo key, then each module's genesis section. */
    public void genesis(StateOverlay overlay, ChainSpec spec) {
        BlockEnv env = new BlockEnv(0, spec.genesisTimestamp(), new byte[32], spec.dev());
        ExecutionContext system = context(overlay, overlay, env, "system", null);
        SystemState sys = system.system();
        spec.parameters().forEach(sys::setParameter);
        sys.setIssuance(new SystemState.Issuance(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO));
        for (RuntimeModule m : modules.ordered()) {
            Map<String, Object> section = new TreeMap<>(spec.genesis().getOrDefault(m.name(), Map.of()));
            if (m.name().equals("sudo") && spec.sudo() != null) {
                section.put("key", java.util.HexFormat.of().formatHex(spec.sudo()));
            }
            m.genesis(system.forModule(m.name()), section);
        }
    }

    /** The block's hooks and transactions; in {@link Mode#IMPORT} any invalid transaction fails the block. */
    public BlockOutcome execute(
            StateOverlay overlay, BlockEnv env, List<SignedTransaction> candidates, Mode mode, int maxTransactions)
            throws InvalidTransaction {
        ExecutionContext base = context(overlay, overlay, env, "system", null);
        for (RuntimeModule m : modules.ordered()) {
            m.onInitialize(base.forModule(m.name()));
        }
        List<SignedTransaction> included = new ArrayList<>();
        List<Receipt> receipts = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (SignedTransaction tx : candidates) {
            if (included.size() >= maxTransactions) {
                break;
            }
            try {
                receipts.add(apply(overlay, base, tx));
                included.add(tx);
            } catch (InvalidTransaction e) {
                if (mode == Mode.IMPORT) {
                    throw e;
                }
                rejected.add(new Rejected(tx, e));
            }
        }
        for (RuntimeModule m : modules.ordered()) {
            m.onFinalize(base.forModule(m.name()));
        }
        applyAtEpochBoundary(base.system(), env.number());
        return new BlockOutcome(included, receipts, rejected);
    }

    /**
     * After the first block of an epoch ({@code n mod EpochLength == 0}, which every module has just handled as
     * the boundary under the old length), waiting parameter changes apply: the next epoch ends at the first
     * multiple of the new EpochLength.
     */
    private static void applyAtEpochBoundary(SystemState system, long number) {
        BigInteger length = system.parameter("EpochLength");
        long l = length == null ? 1 : length.longValueExact();
        if (number % l == 0 && !system.pendingParameters().isEmpty()) {
            system.applyPendingParameters();
        }
    }

    /**
     * Checks that {@code tx} can pay and is next for its sender on {@code state}; returns its fee.
     * {@code exactNonce == false} accepts a future nonce (the pool queues those).
     */
    public BigInteger check(StateReader state, BlockEnv env, SignedTransaction tx, boolean exactNonce)
            throws InvalidTransaction {
        ExecutionContext ctx = context(state, null, env, "system", null);
        Call call = tx.call();
        RuntimeModule module = modules.module(call.module());
        if (module == null || modules.call(call.module(), call.function()) == null) {
            throw new InvalidTransaction(Reason.UNKNOWN_CALL, "no call " + call.qualifiedName() + " on this chain");
        }
        long expected = ctx.system().nonce(tx.sender());
        if (tx.nonce() < expected) {
            throw new InvalidTransaction(
                    Reason.STALE_NONCE, "nonce " + tx.nonce() + " already used (next is " + expected + ")");
        }
        if (exactNonce && tx.nonce() != expected) {
            throw new InvalidTransaction(
                    Reason.FUTURE_NONCE, "nonce " + tx.nonce() + " is ahead of the next, " + expected);
        }
        BigInteger fee = Fees.of(ctx.system(), tx);
        BigInteger upfront;
        try {
            upfront = module.upfrontCost(call.function(), call.args());
        } catch (DecodeException e) {
            throw new InvalidTransaction(
                    Reason.MALFORMED, "arguments of " + call.qualifiedName() + ": " + e.getMessage());
        }
        BigInteger free = ctx.balances().free(tx.sender());
        if (free.compareTo(fee.add(upfront)) < 0) {
            throw new InvalidTransaction(
                    Reason.INSUFFICIENT_FUNDS,
                    "balance " + Amounts.format(free) + " cannot pay fee " + Amounts.format(fee)
                            + (upfront.signum() > 0 ? " plus " + Amounts.format(upfront) : ""));
        }
        return fee;
    }

    /** Whether {@code call} is a duty (fee-free on success, as score submissions): it may use the pool's reserve. */
    public boolean isDuty(Call call) {
        CallSpec spec = modules.call(call.module(), call.function());
        return spec != null && spec.feeFreeOnSuccess();
    }

    private Receipt apply(StateOverlay overlay, ExecutionContext base, SignedTransaction tx) throws InvalidTransaction {
        BlockEnv env = new BlockEnv(base.blockNumber(), base.timestamp(), base.author(), base.devChain());
        BigInteger fee = check(overlay, env, tx, true);
        SystemState system = base.system();
        BalancesState balances = base.ledgerBalances();
        byte[] sender = tx.sender();
        system.setNonce(sender, tx.nonce() + 1);
        balances.withdraw(sender, fee);
        Call call = tx.call();
        CallSpec spec = modules.call(call.module(), call.function());
        int checkpoint = overlay.checkpoint();
        String error = null;
        String message = null;
        try {
            dispatch(base.withOrigin(call.module(), sender), call);
            overlay.release(checkpoint);
        } catch (ModuleError e) {
            overlay.revertTo(checkpoint);
            error = e.error();
            message = e.getMessage();
        } catch (DecodeException e) {
            overlay.revertTo(checkpoint);
            error = "InvalidArguments";
            message = e.getMessage();
        } catch (RuntimeException e) {
            // A module bug: the call fails the same way on every node; the chain goes on.
            overlay.revertTo(checkpoint);
            error = "ModuleFailure";
            message = call.qualifiedName() + " failed: " + e;
            LOG.warn("{} threw {}", call.qualifiedName(), e.toString());
        }
        boolean success = error == null;
        if (success && spec.feeFreeOnSuccess()) {
            balances.deposit(sender, fee);
            return new Receipt(true, BigInteger.ZERO, null, null);
        }
        BigInteger toAuthor = Fees.authorShare(system, fee);
        balances.deposit(base.author(), toAuthor);
        balances.countBurned(fee.subtract(toAuthor));
        return new Receipt(success, fee, error, message);
    }

    /** Decodes and runs {@code call} in {@code ctx}; its arguments must be read completely. */
    void dispatch(ExecutionContext ctx, Call call) {
        RuntimeModule module = modules.module(call.module());
        if (module == null || modules.call(call.module(), call.function()) == null) {
            throw new ModuleError("UnknownCall", "no call " + call.qualifiedName() + " on this chain");
        }
        Decoder args = new Decoder(call.args());
        module.dispatch(ctx, call.function(), args);
        args.finish();
    }

    /** A read-only context at {@code state}, for queries. */
    public ExecutionContext queryContext(StateReader state, BlockEnv env, String module) {
        return context(state, null, env, module, null);
    }

    private ExecutionContext context(
            StateReader reader, StateOverlay overlay, BlockEnv env, String module, byte[] caller) {
        return new ExecutionContext(env, reader, overlay, modules, module, caller, false, this);
    }

    /** Producing a block skips invalid transactions; importing one rejects the block. */
    public enum Mode {
        BUILD,
        IMPORT
    }

    /** A transaction the builder left out, and why. */
    public record Rejected(SignedTransaction transaction, InvalidTransaction reason) {}

    /** What a block did. */
    public record BlockOutcome(List<SignedTransaction> included, List<Receipt> receipts, List<Rejected> rejected) {}
}

package org.hypertensor.ledger.internal.exec;

import java.math.BigInteger;
import org.hypertensor.ledger.api.runtime.Balances;
import org.hypertensor.ledger.api.runtime.CallContext;
import org.hypertensor.ledger.api.runtime.ModuleStorage;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.internal.modules.BalancesState;
import org.hypertensor.ledger.internal.state.PrefixedStorage;
import org.hypertensor.ledger.internal.state.StateKeys;
import org.hypertensor.ledger.internal.state.SystemState;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateReader;

/**
 * The context handed to one module: the block, the module's own storage, parameters, balances and the
 * other modules' runtime APIs — all bound to the same state (an overlay while executing, the committed
 * state in a query).
 */
public final class ExecutionContext implements CallContext {

    private final BlockEnv env;
    private final StateReader reader;
    private final StateOverlay overlay; // null in a query
    private final ModuleSet modules;
    private final String module;
    private final byte[] caller;
    private final boolean root;
    private final Executive executive;

    ExecutionContext(
            BlockEnv env,
            StateReader reader,
            StateOverlay overlay,
            ModuleSet modules,
            String module,
            byte[] caller,
            boolean root,
            Executive executive) {
        this.env = env;
        this.reader = reader;
        this.overlay = overlay;
        this.modules = modules;
        this.module = module;
        this.caller = caller;
        this.root = root;
        this.executive = executive;
    }

    /** The same state and block, as seen by another module. */
    public ExecutionContext forModule(String other) {
        return new ExecutionContext(env, reader, overlay, modules, other, caller, root, executive);
    }

    /** The same state and block, for a call from {@code origin} (root when {@code null}). */
    public ExecutionContext withOrigin(String callModule, byte[] origin) {
        return new ExecutionContext(env, reader, overlay, modules, callModule, origin, origin == null, executive);
    }

    /** Runs {@code call} with root origin (for sudo); failures propagate as {@code ModuleError}. */
    public void dispatchAsRoot(Call call) {
        executive.dispatch(withOrigin(call.module(), null), call);
    }

    @Override
    public long blockNumber() {
        return env.number();
    }

    @Override
    public long timestamp() {
        return env.timestamp();
    }

    @Override
    public byte[] author() {
        return env.author().clone();
    }

    @Override
    public boolean devChain() {
        return env.devChain();
    }

    @Override
    public ModuleStorage storage() {
        return storageOf(module);
    }

    public ModuleStorage storageOf(String name) {
        return overlay != null ? PrefixedStorage.writable(overlay, name) : PrefixedStorage.readOnly(reader, name);
    }

    public SystemState system() {
        return new SystemState(storageOf(StateKeys.SYSTEM));
    }

    @Override
    public long parameter(String name) {
        return amount(name).longValueExact();
    }

    @Override
    public BigInteger amount(String name) {
        BigInteger value = system().parameter(name);
        if (value == null) {
            throw new IllegalStateException("the chain has no parameter " + name + " (add it to the chain spec)");
        }
        return value;
    }

    @Override
    public Balances balances() {
        return ledgerBalances();
    }

    /** Balances with the ledger's own operations (mint, burn, genesis endowment). */
    public BalancesState ledgerBalances() {
        return new BalancesState(storageOf("balances"), system());
    }

    @Override
    public <T> T runtime(Class<T> type) {
        for (RuntimeModule m : modules.ordered()) {
            T api = m.runtimeApi(type, forModule(m.name()));
            if (api != null) {
                return api;
            }
        }
        throw new IllegalStateException("no required runtime module offers " + type.getName());
    }

    @Override
    public byte[] caller() {
        return caller == null ? null : caller.clone();
    }

    @Override
    public boolean isRoot() {
        return root;
    }
}

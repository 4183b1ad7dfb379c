package org.hypertensor.ledger.internal.modules;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.runtime.Balances;
import org.hypertensor.ledger.api.runtime.CallContext;
import org.hypertensor.ledger.api.runtime.CallSpec;
import org.hypertensor.ledger.api.runtime.ModuleError;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.ledger.internal.exec.ExecutionContext;
import org.osgi.service.component.annotations.Component;

/**
 * {@code balances}: {@code transfer(dest 32 bytes, amount u128)}; genesis endowments from
 * {@code genesis.balances.accounts = [{"account": …, "free": …}]}; other modules reach balances through
 * {@link RuntimeContext#balances()} or {@code runtime(Balances.class)}.
 */
@Component(service = RuntimeModule.class)
public final class BalancesModule implements RuntimeModule {

    public static final String NAME = "balances";

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
        return List.of(CallSpec.paid("transfer"));
    }

    /** Length of a transfer's recipient, the first of its arguments. */
    public static final int DEST_BYTES = 32;

    /** The arguments of {@code balances.transfer}. */
    public static byte[] transferArgs(byte[] dest, BigInteger amount) {
        return new Encoder(48).fixed(dest).u128(amount).toByteArray();
    }

    @Override
    public void dispatch(CallContext context, String function, Decoder args) {
        if (!function.equals("transfer")) {
            throw new ModuleError("UnknownCall", "balances has no call " + function);
        }
        byte[] dest = args.fixed(DEST_BYTES);
        BigInteger amount = args.u128();
        if (amount.signum() == 0) {
            throw new ModuleError("ZeroAmount", "a transfer needs an amount above zero");
        }
        context.balances().transfer(context.ensureSigned(), dest, amount);
    }

    @Override
    public BigInteger upfrontCost(String function, byte[] args) {
        Decoder in = new Decoder(args);
        in.fixed(DEST_BYTES);
        BigInteger amount = in.u128();
        in.finish();
        return amount;
    }

    @Override
    public void genesis(RuntimeContext context, Map<String, Object> config) {
        BalancesState balances = ((ExecutionContext) context).ledgerBalances();
        Object accounts = config.getOrDefault("accounts", List.of());
        if (!(accounts instanceof List<?> list)) {
            throw new IllegalArgumentException("genesis.balances.accounts must be a list");
        }
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> e) || e.get("account") == null || e.get("free") == null) {
                throw new IllegalArgumentException("genesis.balances.accounts entries need 'account' and 'free'");
            }
            byte[] account = Accounts.parse(e.get("account").toString(), context.devChain());
            Object free = e.get("free");
            BigInteger amount = free instanceof BigInteger b ? b : Amounts.parse(free.toString());
            balances.endow(account, amount);
        }
    }

    @Override
    public <T> T runtimeApi(Class<T> type, RuntimeContext context) {
        return type == Balances.class ? type.cast(context.balances()) : null;
    }
}

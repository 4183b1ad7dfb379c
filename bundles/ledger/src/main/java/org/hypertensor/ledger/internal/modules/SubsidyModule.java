package org.hypertensor.ledger.internal.modules;

import java.math.BigInteger;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.ledger.internal.exec.ExecutionContext;
import org.hypertensor.ledger.internal.spec.LedgerParameters;
import org.osgi.service.component.annotations.Component;

/** {@code subsidy}: at the start of every block, mints the subsidy: ValidatorRewardBp to the author, the rest to the vault. */
@Component(service = RuntimeModule.class)
public final class SubsidyModule implements RuntimeModule {

    @Override
    public String name() {
        return "subsidy";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void onInitialize(RuntimeContext context) {
        long interval = context.parameter(LedgerParameters.HALVING_INTERVAL);
        BigInteger initial = Subsidy.initial(context.amount(LedgerParameters.TARGET_MAX_SUPPLY), interval);
        BigInteger subsidy = Subsidy.atBlock(context.blockNumber(), initial, interval);
        if (subsidy.signum() == 0) {
            return;
        }
        BigInteger author = Subsidy.authorShare(subsidy, context.parameter(LedgerParameters.VALIDATOR_REWARD_BP));
        BalancesState balances = ((ExecutionContext) context).ledgerBalances();
        balances.mint(context.author(), author);
        balances.mintToVault(subsidy.subtract(author));
    }
}

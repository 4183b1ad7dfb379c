package org.hypertensor.scoring.internal.module;

import java.util.List;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.runtime.CallContext;
import org.hypertensor.ledger.api.runtime.CallSpec;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.staking.api.Epochs;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code consensus} runtime module (version 1): score submissions during the epoch, and at each epoch's
 * consensus block ({@code r == 0}, in {@code on_initialize}) the epoch's consensus for every subnet.
 */
@Component(
        service = RuntimeModule.class,
        immediate = true,
        property = {"hypertensor.module=consensus"})
public final class ScoringModule implements RuntimeModule {

    public static final String NAME = "consensus";
    private static final List<CallSpec> CALLS =
            List.of(CallSpec.freeOnSuccess("submit_scores"), CallSpec.freeOnSuccess("unconfirm_scores"));

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
        return CALLS;
    }

    @Override
    public void dispatch(CallContext context, String function, Decoder args) {
        new ScoreCallHandler(context).dispatch(function, args);
    }

    @Override
    public void onInitialize(RuntimeContext context) {
        long block = context.blockNumber();
        long epochLength = context.parameter("EpochLength");
        if (block >= epochLength && Epochs.offset(block, epochLength) == 0) {
            new EpochProcessor(context).closeEpoch(Epochs.epochOf(block, epochLength) - 1);
        }
    }

    @Override
    public <T> T runtimeApi(Class<T> type, RuntimeContext context) {
        return type == ScoringRuntime.class ? type.cast(new ScoringState(context)) : null;
    }
}

package org.hypertensor.staking.internal.module;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.runtime.CallContext;
import org.hypertensor.ledger.api.runtime.CallSpec;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.staking.api.Epochs;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.api.Unbonding;
import org.hypertensor.staking.internal.state.StakingState;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code staking} runtime module (version 1): subnets, nodes, stake, unbonding. Unbonding stake due at an
 * epoch boundary is freed in that block's {@code on_finalize}, after consensus (in {@code on_initialize}) had
 * its chance to slash it.
 */
@Component(
        service = RuntimeModule.class,
        immediate = true,
        property = {"hypertensor.module=staking"})
public final class StakingModule implements RuntimeModule {

    public static final String NAME = "staking";
    private static final Logger LOG = LoggerFactory.getLogger(StakingModule.class);
    private static final List<CallSpec> CALLS = List.of(
            CallSpec.paid("activate_subnet"),
            CallSpec.paid("deactivate_subnet"),
            CallSpec.paid("register_subnet"),
            CallSpec.paid("remove_subnet"),
            CallSpec.paid("register_node"),
            CallSpec.paid("add_stake"),
            CallSpec.paid("remove_stake"),
            CallSpec.paid("update_node"),
            CallSpec.paid("deregister_node"));

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
        new StakingCallHandler(context).dispatch(function, args);
    }

    @Override
    public BigInteger upfrontCost(String function, byte[] args) {
        Decoder in = new Decoder(args);
        return switch (function) {
            case "register_node" -> {
                in.u32();
                in.text(64);
                in.text(512);
                yield in.u128();
            }
            case "add_stake" -> {
                in.u32();
                yield in.u128();
            }
            default -> BigInteger.ZERO;
        };
    }

    @Override
    public void genesis(RuntimeContext context, Map<String, Object> config) {
        new StakingGenesis(new StakingState(context)).apply(config);
    }

    @Override
    public void onFinalize(RuntimeContext context) {
        StakingState state = new StakingState(context);
        long block = context.blockNumber();
        if (block > 0 && Epochs.offset(block, state.params().epochLength()) == 0) {
            List<Unbonding> freed = state.release(block);
            if (!freed.isEmpty()) {
                LOG.debug("block {}: {} unbonding entries freed", block, freed.size());
            }
        }
    }

    @Override
    public <T> T runtimeApi(Class<T> type, RuntimeContext context) {
        return type == StakingRuntime.class ? type.cast(new StakingState(context)) : null;
    }
}

package org.hypertensor.emissions.internal.module;

import java.util.Optional;
import org.hypertensor.emissions.api.EmissionsRuntime;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.runtime.ModuleStorage;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.staking.api.Epochs;
import org.hypertensor.staking.api.StateKey;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code emissions} runtime module (version 1): no calls; at each epoch's emissions block ({@code r == 1},
 * {@code on_initialize}) it pays the epoch just closed by consensus. State: {@code pay/EPOCH} → payout,
 * {@code last} → the last paid epoch.
 */
@Component(
        service = RuntimeModule.class,
        immediate = true,
        property = {"hypertensor.module=emissions"})
public final class EmissionsModule implements RuntimeModule {

    public static final String NAME = "emissions";
    private static final byte[] LAST = StateKey.of("last").build();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void onInitialize(RuntimeContext context) {
        long block = context.blockNumber();
        long epochLength = context.parameter("EpochLength");
        if (block > epochLength && Epochs.offset(block, epochLength) == 1) {
            long epoch = Epochs.epochOf(block, epochLength) - 1;
            EpochPayout payout = new PayoutProcessor(context).pay(epoch);
            ModuleStorage store = context.storage();
            store.put(key(epoch), PayoutCodec.encode(payout));
            store.put(LAST, new Encoder(8).u64(epoch).toByteArray());
            if (epoch >= EmissionsRuntime.HISTORY_EPOCHS) {
                store.delete(key(epoch - EmissionsRuntime.HISTORY_EPOCHS));
            }
        }
    }

    private static byte[] key(long epoch) {
        return StateKey.of("pay").u64(epoch).build();
    }

    @Override
    public <T> T runtimeApi(Class<T> type, RuntimeContext context) {
        if (type != EmissionsRuntime.class) {
            return null;
        }
        ModuleStorage store = context.storage();
        return type.cast(new EmissionsRuntime() {
            @Override
            public Optional<EpochPayout> payout(long epoch) {
                byte[] v = store.get(key(epoch));
                return v == null ? Optional.empty() : Optional.of(PayoutCodec.decode(v));
            }

            @Override
            public Optional<EpochPayout> lastPayout() {
                byte[] v = store.get(LAST);
                return v == null ? Optional.empty() : payout(new Decoder(v).u64());
            }
        });
    }
}

package org.hypertensor.ledger.internal.modules;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.runtime.CallContext;
import org.hypertensor.ledger.api.runtime.CallSpec;
import org.hypertensor.ledger.api.runtime.ModuleError;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.internal.exec.ExecutionContext;
import org.hypertensor.ledger.internal.spec.SpecParameters;
import org.osgi.service.component.annotations.Component;

/**
 * {@code sudo}: the chain spec's sudo key runs root calls. {@code sudo(call)} dispatches an encoded call
 * with root origin; {@code set_parameter(name text, value u128)} changes a chain parameter
 * within its range ({@link SpecParameters}; e.g. a bp share at most 10,000, MinStake ≤ MaxStake), at once or,
 * for EpochLength, once the epoch in progress has ended;
 * {@code set_key(new key 32)} hands the key on.
 */
@Component(service = RuntimeModule.class)
public final class SudoModule implements RuntimeModule {

    private static final byte[] KEY = {'k', 'e', 'y'};

    @Override
    public String name() {
        return "sudo";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public List<CallSpec> calls() {
        return List.of(CallSpec.paid("sudo"), CallSpec.paid("set_parameter"), CallSpec.paid("set_key"));
    }

    /** The arguments of {@code sudo.sudo}: the inner call. */
    public static byte[] sudoArgs(Call inner) {
        Encoder out = new Encoder();
        inner.encode(out);
        return out.toByteArray();
    }

    @Override
    public void dispatch(CallContext context, String function, Decoder args) {
        byte[] key = context.storage().get(KEY);
        if (!context.isRoot() && (key == null || !Arrays.equals(key, context.caller()))) {
            throw new ModuleError("RequireSudo", "only the sudo key may call sudo." + function);
        }
        ExecutionContext ctx = (ExecutionContext) context;
        switch (function) {
            case "sudo" -> {
                Call inner = Call.decode(args);
                ctx.dispatchAsRoot(inner);
            }
            case "set_parameter" -> {
                String name = args.text(96);
                BigInteger value = args.u128();
                if (ctx.system().parameter(name) == null) {
                    throw new ModuleError("UnknownParameter", "the chain has no parameter " + name);
                }
                String refused = SpecParameters.refusal(name, value, ctx.system()::parameter);
                if (refused != null) {
                    throw new ModuleError("InvalidParameterValue", refused);
                }
                if (SpecParameters.changesAtEpochBoundary(name)) {
                    ctx.system().setPendingParameter(name, value); // the Executive applies it at the boundary
                } else {
                    ctx.system().setParameter(name, value);
                }
            }
            case "set_key" -> context.storage().put(KEY, args.fixed(32));
            default -> throw new ModuleError("UnknownCall", "sudo has no call " + function);
        }
    }

    @Override
    public void genesis(RuntimeContext context, Map<String, Object> config) {
        Object key = config.get("key");
        if (key != null) {
            context.storage().put(KEY, HexFormat.of().parseHex(key.toString()));
        }
    }
}

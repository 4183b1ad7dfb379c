package org.hypertensor.ledger.api.tx;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.codec.Encoder;

/**
 * A call of a runtime module's function, e.g. {@code balances.transfer}, with its arguments in the
 * module's canonical encoding.
 */
public record Call(String module, String function, byte[] args) {

    public static final int MAX_ARGS_BYTES = 60 * 1024;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public Call {
        if (!NAME.matcher(module).matches()) {
            throw new IllegalArgumentException("invalid module name '" + module + "'");
        }
        if (!NAME.matcher(function).matches()) {
            throw new IllegalArgumentException("invalid function name '" + function + "'");
        }
        if (args.length > MAX_ARGS_BYTES) {
            throw new IllegalArgumentException("call arguments of " + args.length + " bytes exceed " + MAX_ARGS_BYTES);
        }
        args = args.clone();
    }

    @Override
    public byte[] args() {
        return args.clone();
    }

    /** {@code module.function}, the name fees and errors are keyed by. */
    public String qualifiedName() {
        return module + "." + function;
    }

    public void encode(Encoder out) {
        out.text(module).text(function).bytes(args);
    }

    public static Call decode(Decoder in) {
        String module = in.text(32);
        String function = in.text(32);
        byte[] args = in.bytes(MAX_ARGS_BYTES);
        try {
            return new Call(module, function, args);
        } catch (IllegalArgumentException e) {
            throw new org.hypertensor.ledger.api.codec.DecodeException(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Call c
                && module.equals(c.module)
                && function.equals(c.function)
                && Arrays.equals(args, c.args);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * module.hashCode() + function.hashCode()) + Arrays.hashCode(args);
    }

    @Override
    public String toString() {
        return qualifiedName() + "(" + args.length + " bytes)";
    }
}

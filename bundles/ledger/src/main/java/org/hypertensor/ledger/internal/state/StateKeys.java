package org.hypertensor.ledger.internal.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How the flat state key space is divided: every module owns the keys starting with its name and a
 * {@code '/'}; the executive's own bookkeeping (parameters, nonces, issuance) lives under {@code system/}.
 */
public final class StateKeys {

    public static final String SYSTEM = "system";

    private StateKeys() {}

    /** {@code name/}: the prefix of a module's keys. */
    public static byte[] prefix(String module) {
        return (module + "/").getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] key(byte[] prefix, byte[] relative) {
        byte[] out = Arrays.copyOf(prefix, prefix.length + relative.length);
        System.arraycopy(relative, 0, out, prefix.length, relative.length);
        return out;
    }

    public static byte[] key(String module, String relative) {
        return key(prefix(module), relative.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code tag ‖ bytes}: a one-letter family inside a module's space followed by an id (an account). */
    public static byte[] tagged(char tag, byte[] id) {
        byte[] out = new byte[id.length + 1];
        out[0] = (byte) tag;
        System.arraycopy(id, 0, out, 1, id.length);
        return out;
    }
}

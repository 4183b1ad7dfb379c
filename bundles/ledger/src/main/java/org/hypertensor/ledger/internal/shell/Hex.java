package org.hypertensor.ledger.internal.shell;

import java.util.HexFormat;
import org.hypertensor.plugin.api.shell.CommandError;

/** {@code 0x…} hex as the shell shows and reads hashes. */
final class Hex {

    private Hex() {}

    static String of(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    static String shortOf(byte[] bytes) {
        String full = HexFormat.of().formatHex(bytes);
        return "0x" + full.substring(0, 8) + "…" + full.substring(full.length() - 6);
    }

    static byte[] parse32(String text, String what) {
        String s = text.startsWith("0x") ? text.substring(2) : text;
        if (s.length() != 64) {
            throw new CommandError(what + " must be 32 bytes of hex (64 digits): " + text);
        }
        try {
            return HexFormat.of().parseHex(s);
        } catch (IllegalArgumentException e) {
            throw new CommandError(what + " is not hex: " + text);
        }
    }
}

package org.hypertensor.ledger.api;

import java.util.HexFormat;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ss58;

/**
 * Account ids (Ed25519 public keys) as people write them: an SS58 address, {@code 0x} and 64 hex digits,
 * or — on a development chain only — a development key URI such as {@code //Alice}.
 */
public final class Accounts {

    private Accounts() {}

    /** @throws IllegalArgumentException with what is wrong */
    public static byte[] parse(String text, boolean devChain) {
        String trimmed = text.trim();
        // `Bob` for //Bob on a dev chain: an unquoted // starts a shell comment
        String s = devChain ? DevKeys.wellKnownUri(trimmed).orElse(trimmed) : trimmed;
        if (DevKeys.isDevUri(s)) {
            if (!devChain) {
                throw new IllegalArgumentException(
                        "development key " + s + " is refused: this chain is not marked dev");
            }
            return DevKeys.derive(s).publicKey();
        }
        if (s.startsWith("0x")) {
            if (s.length() != 66) {
                throw new IllegalArgumentException("a hex account id has 64 hex digits after 0x: '" + s + "'");
            }
            try {
                return HexFormat.of().parseHex(s.substring(2));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not hex: '" + s + "'");
            }
        }
        return Ss58.decode(s);
    }

    /** The SS58 address (prefix 42). */
    public static String format(byte[] account) {
        return Ss58.encode(account);
    }
}

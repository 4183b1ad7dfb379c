package org.hypertensor.staking.internal.shell;

import java.math.BigInteger;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Table;
import org.hypertensor.staking.api.CallSubmitter;

/** Argument parsing and call submission for the staking shells: every mistake becomes one {@link CommandError} line. */
final class ShellSupport {

    private ShellSupport() {}

    static Table submit(Ledger ledger, Keystore keystore, String key, Call call) {
        return CallSubmitter.forShell(ledger, keystore, key, call);
    }

    static long id(String text, String what) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0 || v > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CommandError(what + " must be a number, not '" + text + "'");
        }
    }

    static BigInteger amount(String text) {
        try {
            return Amounts.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    static byte[] account(Ledger ledger, String text) {
        try {
            return Accounts.parse(text, ledger.chain().dev());
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    static String tensor(BigInteger amount) {
        return amount == null ? "-" : Amounts.format(amount);
    }
}

package org.hypertensor.staking.internal.shell;

import java.math.BigInteger;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.plugin.api.shell.Commands;
import org.hypertensor.plugin.api.shell.Table;
import org.hypertensor.staking.api.CallSubmitter;

/** Argument parsing and call submission for the staking shells: every mistake becomes one {@link CommandError} line. */
final class ShellSupport {

    private ShellSupport() {}

    static Table submit(Ledger ledger, Keystore keystore, String key, Call call) {
        return CallSubmitter.forShell(ledger, keystore, key, call);
    }

    static long id(String text, String what) {
        return Commands.number(text, what, 0, 0xFFFF_FFFFL);
    }

    static BigInteger amount(String text) {
        return Commands.parse(text, Amounts::parse);
    }

    static byte[] account(Ledger ledger, String text) {
        return Commands.parse(text, t -> Accounts.parse(t, ledger.chain().dev()));
    }

    static String tensor(BigInteger amount) {
        return amount == null ? "-" : Amounts.format(amount);
    }
}

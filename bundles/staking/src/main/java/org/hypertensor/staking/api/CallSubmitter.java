package org.hypertensor.staking.api;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.crypto.api.Passwords;
import org.hypertensor.crypto.api.SigningKeys;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.TransactionInfo;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Table;

/**
 * Signs a chain module call for a shell command and submits it: the key is a development URI ({@code //Alice},
 * accepted only on a chain marked dev) or the name of a keystore key. Waits a bounded time
 * for the receipt so the operator sees the call's named error.
 */
public final class CallSubmitter {

    /** How long a shell command waits for its call's receipt. */
    public static final long SHELL_WAIT_MILLIS = 15_000;

    private CallSubmitter() {}

    /** What became of a submitted call: its hash and, once included in time, its receipt. */
    public record Outcome(String hash, Optional<Receipt> receipt, long block) {

        /** One line: included and succeeded, failed with its error, or still pending (the transaction's hash is its own field). */
        public String summary() {
            if (receipt.isEmpty()) {
                return "submitted " + hash + " (not yet included)";
            }
            Receipt r = receipt.get();
            return r.success()
                    ? "included in block " + block
                    : "failed in block " + block + ": " + r.error() + ": " + r.message();
        }
    }

    /**
     * Resolves {@code key} to a key pair: a development URI on a dev chain, else a keystore key unlocked with
     * the password in {@code HYPERTENSOR_KEYSTORE_PASSWORD} (as {@code ledger:transfer} does).
     *
     * @throws IllegalArgumentException with a one-line reason
     */
    public static Ed25519KeyPair key(Ledger ledger, Keystore keystore, String key) {
        return SigningKeys.resolve(key, ledger.chain().dev(), keystore, Passwords::fromEnvironment);
    }

    /**
     * For shell commands: resolves the key, submits, waits for the receipt; a refused or failed call is one
     * {@link CommandError} line naming its error.
     */
    public static Table forShell(Ledger ledger, Keystore keystore, String key, Call call) {
        if (key == null || key.isEmpty()) {
            throw new CommandError("give the signing key with --key (a dev URI like //Bob, or a keystore key name)");
        }
        Outcome o;
        try {
            o = submit(ledger, key(ledger, keystore, key), call, SHELL_WAIT_MILLIS);
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        } catch (TransactionRejected e) {
            throw new CommandError(call.qualifiedName() + " rejected: " + e);
        }
        if (o.receipt().isPresent() && !o.receipt().get().success()) {
            throw new CommandError(call.qualifiedName() + " " + o.summary());
        }
        return Table.properties()
                .row("call", call.qualifiedName())
                .row("transaction", o.hash())
                .row("outcome", o.summary());
    }

    /**
     * Signs with the account's next nonce and submits; waits up to {@code waitMillis} for the receipt.
     *
     * @throws TransactionRejected when the pool refuses it
     */
    public static Outcome submit(Ledger ledger, Ed25519KeyPair key, Call call, long waitMillis)
            throws TransactionRejected {
        long nonce = ledger.account(key.publicKey()).nextNonce();
        SignedTransaction tx = SignedTransaction.sign(key, ledger.chain().genesisHash(), nonce, BigInteger.ZERO, call);
        byte[] hash = ledger.submit(tx);
        String hex = "0x" + HexFormat.of().formatHex(hash);
        long deadline = System.nanoTime() + waitMillis * 1_000_000L;
        while (true) {
            Optional<TransactionInfo> info = ledger.transaction(hash);
            if (info.isPresent()) {
                return new Outcome(
                        hex, Optional.of(info.get().receipt()), info.get().blockNumber());
            }
            if (System.nanoTime() >= deadline) {
                return new Outcome(hex, Optional.empty(), -1);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(hex, Optional.empty(), -1);
            }
        }
    }
}

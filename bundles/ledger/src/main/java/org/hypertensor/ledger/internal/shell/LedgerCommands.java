package org.hypertensor.ledger.internal.shell;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Keystore;
import org.hypertensor.crypto.api.Passwords;
import org.hypertensor.crypto.api.SigningKeys;
import org.hypertensor.ledger.api.AccountInfo;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.PoolEntry;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.Supply;
import org.hypertensor.ledger.api.TransactionInfo;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.modules.BalancesModule;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Commands;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code ledger:} commands: the head, blocks, transactions, balances, transfers, supply and the pool. */
@Component(
        service = LedgerCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=ledger", "osgi.command.function=head", "osgi.command.function=block",
            "osgi.command.function=tx", "osgi.command.function=balance", "osgi.command.function=transfer",
            "osgi.command.function=supply", "osgi.command.function=pool"
        })
public final class LedgerCommands {

    private final Ledger ledger;
    private final Keystore keystore;

    @Activate
    public LedgerCommands(
            @Reference Ledger ledger,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
                    Keystore keystore) {
        this.ledger = ledger;
        this.keystore = keystore;
    }

    @Descriptor("the chain, its best and finalized blocks, and whether blocks are being produced")
    public Table head() {
        var chain = ledger.chain();
        BlockInfo head = ledger.head();
        BlockInfo fin = ledger.finalizedHead();
        var status = ledger.status();
        return Table.properties()
                .row("chain", chain.name() + " (" + chain.id() + (chain.dev() ? ", dev" : "") + ")")
                .row("genesis", Hex.of(chain.genesisHash()))
                .row("best", "#" + head.number() + " " + Hex.of(head.hash()))
                .row("finalized", "#" + fin.number() + " " + Hex.of(fin.hash()))
                .row("state root", Hex.of(head.stateRoot()))
                .row("status", status.running() ? "running: " + status.reason() : "PAUSED: " + status.reason())
                .row("modules", String.join(", ", chain.requiredModules()))
                .row(
                        "pool",
                        ledger.pool().size() + " ready, " + ledger.futurePool().size() + " future");
    }

    @Descriptor("a block by number or hash")
    public Table block(@Descriptor("block number or 0x hash") String id) {
        BlockInfo b = (id.startsWith("0x") ? ledger.block(Hex.parse32(id, "block hash")) : ledger.block(number(id)))
                .orElseThrow(() -> new CommandError("no block " + id));
        Table t = Table.properties()
                .row("number", b.number())
                .row("hash", Hex.of(b.hash()))
                .row("parent", Hex.of(b.parentHash()))
                .row("timestamp", Instant.ofEpochMilli(b.timestamp()))
                .row("state root", Hex.of(b.stateRoot()))
                .row("transactions root", Hex.of(b.transactionsRoot()))
                .row("author", b.number() == 0 ? "-" : Accounts.format(b.author()))
                .row("finalized", b.finalized());
        if (b.number() < ledger.bodiesFrom()) {
            return t.row("transactions", bodyPruned());
        }
        t.row("transactions", b.transactions().size());
        int shown = 0;
        for (byte[] tx : b.transactions()) {
            if (shown++ == 20) {
                t.row("", "… " + (b.transactions().size() - 20) + " more");
                break;
            }
            t.row("tx", Hex.of(tx));
        }
        return t;
    }

    /** Why a block shows no transactions: its body is not kept here. */
    private String bodyPruned() {
        long keep = ledger.blocksKeep();
        return "body pruned (blocks.keep = " + (keep == 0 ? "all" : Long.toString(keep)) + "; bodies kept from #"
                + ledger.bodiesFrom() + ")";
    }

    @Descriptor("an included transaction and its receipt")
    public Table tx(@Descriptor("transaction hash (0x…)") String hash) {
        TransactionInfo info = ledger.transaction(Hex.parse32(hash, "transaction hash"))
                .orElseThrow(() -> new CommandError("no included transaction " + hash
                        + (ledger.pool().stream().anyMatch(p -> Hex.of(p.hash()).equals(hash))
                                ? " (it is in the pool)"
                                : ledger.bodiesFrom() > 0
                                        ? " in blocks #" + ledger.bodiesFrom() + " on (older blocks: " + bodyPruned()
                                                + ")"
                                        : "")));
        SignedTransaction tx = info.transaction();
        Receipt r = info.receipt();
        return Table.properties()
                .row("hash", Hex.of(info.hash()))
                .row("block", "#" + info.blockNumber() + " " + Hex.of(info.blockHash()) + " index " + info.index())
                .row("sender", Accounts.format(tx.sender()))
                .row("nonce", tx.nonce())
                .row("call", tx.call().qualifiedName())
                .row("tip", Amounts.format(tx.tip()))
                .row("fee", Amounts.format(r.fee()))
                .row("result", r.success() ? "success" : "failed: " + r.error() + ": " + r.message());
    }

    @Descriptor("an account's balances and nonce")
    public Table balance(@Descriptor("SS58 address, 0x public key, or a dev URI like //Alice") String account) {
        AccountInfo a = ledger.account(account(account));
        return Table.properties()
                .row("account", Accounts.format(a.account()))
                .row("free", Amounts.format(a.free()))
                .row("reserved", Amounts.format(a.reserved()))
                .row(
                        "nonce",
                        a.stateNonce()
                                + (a.nextNonce() != a.stateNonce()
                                        ? " (next " + a.nextNonce() + " with the pool)"
                                        : ""));
    }

    @Descriptor("send TENSOR: amounts like 1.5, '1.5 TENSOR' or '1500 base'")
    public Table transfer(
            @Descriptor("tip added to the fee")
                    @Parameter(
                            names = {"-t", "--tip"},
                            absentValue = "0 base")
                    String tip,
            @Descriptor("signing key: a dev URI like //Alice or Alice (dev chains) or a keystore key name") String from,
            @Descriptor("recipient: SS58 address, 0x public key, or dev URI like //Bob or Bob (dev chains)") String to,
            @Descriptor("amount") String amount) {
        Ed25519KeyPair key = signer(from);
        byte[] dest = account(to);
        BigInteger value = amount(amount);
        Call call = new Call(BalancesModule.NAME, "transfer", BalancesModule.transferArgs(dest, value));
        long nonce = ledger.account(key.publicKey()).nextNonce();
        SignedTransaction tx = SignedTransaction.sign(key, ledger.chain().genesisHash(), nonce, amount(tip), call);
        try {
            ledger.submit(tx);
        } catch (TransactionRejected e) {
            throw new CommandError("transfer rejected: " + e);
        }
        return Table.properties()
                .row("submitted", Hex.of(tx.hash()))
                .row("from", Accounts.format(key.publicKey()))
                .row("to", Accounts.format(dest))
                .row("amount", Amounts.format(value))
                .row("nonce", nonce)
                .row("next", "ledger:tx " + Hex.of(tx.hash()) + " once it is in a block");
    }

    @Descriptor("total issuance, minted, burned and the rewards vault")
    public Table supply() {
        Supply s = ledger.supply();
        return Table.properties()
                .row("total issuance", Amounts.format(s.totalIssuance()))
                .row("genesis", Amounts.format(s.genesis()))
                .row("minted", Amounts.format(s.minted()))
                .row("burned", Amounts.format(s.burned()))
                .row("rewards vault", Amounts.format(s.vault()));
    }

    @Descriptor("transactions waiting for a block: the ready ones in inclusion order, then the future ones")
    public Table pool() {
        Table t = Table.of("QUEUE", "HASH", "SENDER", "NONCE", "CALL", "TIP", "BYTES");
        addRows(t, "ready", ledger.pool());
        addRows(t, "future", ledger.futurePool());
        return t;
    }

    private static void addRows(Table t, String queue, List<PoolEntry> entries) {
        for (PoolEntry p : entries) {
            t.row(
                    queue,
                    Hex.of(p.hash()), // whole, so it can be pasted into ledger:tx
                    Accounts.format(p.sender()),
                    p.nonce(),
                    p.call(),
                    Amounts.format(p.tip()),
                    p.length());
        }
    }

    private byte[] account(String text) {
        try {
            return Accounts.parse(text, ledger.chain().dev());
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    private Ed25519KeyPair signer(String from) {
        try {
            return SigningKeys.resolve(from, ledger.chain().dev(), keystore, Passwords::fromEnvironment);
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    private static BigInteger amount(String text) {
        try {
            return Amounts.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    private static long number(String text) {
        return Commands.number(text, "a block number (or a 0x hash)", 0, Long.MAX_VALUE);
    }
}

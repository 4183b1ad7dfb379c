package org.hypertensor.ledger.internal.osgi;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hypertensor.ledger.api.AccountInfo;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.ChainInfo;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.LedgerStatus;
import org.hypertensor.ledger.api.PoolEntry;
import org.hypertensor.ledger.api.Supply;
import org.hypertensor.ledger.api.TransactionInfo;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.chain.Chain;
import org.hypertensor.ledger.internal.spec.ModuleRequirement;
import org.hypertensor.store.api.StateProof;

/** The {@link Ledger} service over the node's chain. */
public final class LedgerService implements Ledger {

    private final Chain chain;
    private final Supplier<String> engine;

    private final Supplier<List<String>> problems;

    public LedgerService(Chain chain, Supplier<String> engine) {
        this(chain, engine, List::of);
    }

    /** @param problems what keeps this node from doing its part (a validator key that cannot be had, …) */
    public LedgerService(Chain chain, Supplier<String> engine, Supplier<List<String>> problems) {
        this.problems = problems;
        this.chain = chain;
        this.engine = engine;
    }

    /** The consensus engine's one-line description (for {@code ledger:head}). */
    String engine() {
        return engine.get();
    }

    @Override
    public ChainInfo chain() {
        var spec = chain.spec();
        return new ChainInfo(
                spec.name(),
                spec.id(),
                spec.dev(),
                chain.genesisHash(),
                spec.blockTimeMs(),
                spec.modules().stream().map(ModuleRequirement::toString).toList());
    }

    @Override
    public LedgerStatus status() {
        String paused = chain.pausedReason();
        return new LedgerStatus(paused == null, paused == null ? engine.get() : paused);
    }

    @Override
    public List<String> problems() {
        List<String> out = new java.util.ArrayList<>(problems.get());
        String paused = chain.pausedReason();
        if (paused != null) {
            out.add(0, "blocks paused: " + paused);
        }
        return out;
    }

    @Override
    public BlockInfo head() {
        return chain.head();
    }

    @Override
    public BlockInfo finalizedHead() {
        return chain.finalizedHead();
    }

    @Override
    public Optional<BlockInfo> block(long number) {
        return chain.block(number);
    }

    @Override
    public Optional<BlockInfo> block(byte[] hash) {
        return chain.block(hash);
    }

    @Override
    public Optional<TransactionInfo> transaction(byte[] hash) {
        return chain.transaction(hash);
    }

    @Override
    public long bodiesFrom() {
        return chain.bodiesFrom();
    }

    @Override
    public long blocksKeep() {
        return chain.blocksKeep();
    }

    @Override
    public byte[] submit(SignedTransaction transaction) throws TransactionRejected {
        return chain.submit(transaction);
    }

    @Override
    public byte[] submit(byte[] encodedTransaction) throws TransactionRejected {
        return chain.submit(encodedTransaction);
    }

    @Override
    public AccountInfo account(byte[] account) {
        return chain.account(account);
    }

    @Override
    public Supply supply() {
        return chain.supply();
    }

    @Override
    public List<PoolEntry> pool() {
        return chain.pool();
    }

    @Override
    public List<PoolEntry> futurePool() {
        return chain.futurePool();
    }

    @Override
    public List<SignedTransaction> readyTransactions(int max) {
        return chain.readyTransactions(max);
    }

    @Override
    public <T> T query(Function<RuntimeContext, T> reader) {
        return chain.query(reader);
    }

    @Override
    public byte[] storage(byte[] key) {
        return chain.state().get(key);
    }

    @Override
    public StateProof prove(byte[] key) {
        return chain.state().prove(key);
    }
}

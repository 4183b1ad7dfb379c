package org.hypertensor.emissions.scenario;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

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
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.store.api.StateProof;

/**
 * The {@link Ledger} service's read side over a real {@link LocalChain}'s chain, so the real query services can
 * be built in a unit test (the OSGi ledger service does the same delegation). What the query services never call
 * (chain info, status, raw storage and proofs) is refused.
 */
final class HeadLedger implements Ledger {

    private final Chain chain;

    HeadLedger(LocalChain local) {
        this.chain = local.chain();
    }

    @Override
    public <T> T query(Function<RuntimeContext, T> reader) {
        return chain.query(reader);
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
    public ChainInfo chain() {
        throw new UnsupportedOperationException("not used by the query services");
    }

    @Override
    public LedgerStatus status() {
        throw new UnsupportedOperationException("not used by the query services");
    }

    @Override
    public byte[] storage(byte[] key) {
        throw new UnsupportedOperationException("not used by the query services");
    }

    @Override
    public StateProof prove(byte[] key) {
        throw new UnsupportedOperationException("not used by the query services");
    }
}

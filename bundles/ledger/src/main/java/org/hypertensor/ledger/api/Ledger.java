package org.hypertensor.ledger.api;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.store.api.StateProof;
import org.osgi.annotation.versioning.ProviderType;

/** The node's chain, as an OSGi service (one per node). */
@ProviderType
public interface Ledger {

    ChainInfo chain();

    /** Whether blocks are being produced/imported, or why not (a required module missing, …). */
    LedgerStatus status();

    /**
     * What is wrong, one line each, empty when nothing is: blocks paused, or a configured validator that is
     * not producing (its key cannot be unlocked, is not a validator, …).
     *
     * @since 1.2
     */
    default List<String> problems() {
        return List.of();
    }

    BlockInfo head();

    BlockInfo finalizedHead();

    Optional<BlockInfo> block(long number);

    Optional<BlockInfo> block(byte[] hash);

    /**
     * An included transaction with its receipt; empty for a transaction of a block whose body is pruned (below
     * {@link #bodiesFrom()}).
     */
    Optional<TransactionInfo> transaction(byte[] hash);

    /**
     * The lowest block whose body (transactions and receipts) this node keeps: below it, {@link #block} gives the
     * header with an empty transaction list (the store's {@code blocks.keep}; or the node began at that block by
     * state sync). 0 on a full node.
     *
     * @since 1.5
     */
    default long bodiesFrom() {
        return 0;
    }

    /**
     * How many last finalized blocks keep their bodies (the store's {@code blocks.keep}); 0: every body is kept.
     *
     * @since 1.5
     */
    default long blocksKeep() {
        return 0;
    }

    /**
     * Checks a transaction against the head state and the pool and queues it for the next blocks.
     *
     * @return the transaction hash
     * @throws TransactionRejected with the reason, the state untouched
     */
    byte[] submit(SignedTransaction transaction) throws TransactionRejected;

    /** Decodes then {@link #submit}s: malformed bytes are rejected as {@link TransactionRejected.Reason#MALFORMED}. */
    byte[] submit(byte[] encodedTransaction) throws TransactionRejected;

    /** The account's balances at head and the next nonce it should use (counting its pooled transactions). */
    AccountInfo account(byte[] account);

    Supply supply();

    /** Transactions waiting in the pool, in the order they would be included. */
    List<PoolEntry> pool();

    /**
     * Pooled transactions waiting for an earlier nonce of their sender (Substrate's future queue), oldest
     * first; they expire unless the gap fills.
     *
     * @since 1.2
     */
    default List<PoolEntry> futurePool() {
        return List.of();
    }

    /**
     * Up to {@code max} ready pooled transactions, in the order they would be included (what a peer that
     * just (re)connected asks for).
     *
     * @since 1.3
     */
    default List<SignedTransaction> readyTransactions(int max) {
        return List.of();
    }

    /** Runs {@code reader} over the committed head state (writes throw); consistent while it runs. */
    <T> T query(Function<RuntimeContext, T> reader);

    /** The raw value under a full state key at head, or {@code null}. */
    byte[] storage(byte[] key);

    /** An inclusion (or exclusion) proof of {@code key} against the head's state root. */
    StateProof prove(byte[] key);
}

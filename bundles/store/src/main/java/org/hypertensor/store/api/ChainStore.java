package org.hypertensor.store.api;

import java.util.Optional;

/**
 * One chain's blocks and authenticated state. Reads are thread-safe; {@link #commit} and {@link #finalize(long)}
 * are serialized internally.
 */
public interface ChainStore extends AutoCloseable {
    /** The last committed block; empty before genesis. */
    Optional<BlockRecord> head();

    /**
     * A committed block. Below {@link #bodiesFrom()} only its header is kept: the record's {@code body} and
     * {@code receipts} are empty and {@code txHashes} is an empty list.
     */
    Optional<BlockRecord> blockByNumber(long number);

    /** As {@link #blockByNumber}, by the block's hash (headers of pruned blocks are found too). */
    Optional<BlockRecord> blockByHash(byte[] hash);

    /**
     * Where a committed transaction is. Empty for a transaction of a pruned block (below {@link #bodiesFrom()}):
     * the index rows are pruned with the body.
     */
    Optional<TxLocation> transaction(byte[] txHash);

    /**
     * The lowest block whose body, transaction list and receipts this store keeps: the blocks below it are kept as
     * headers only ({@code blocks.keep}, docs/state.md), or are not stored at all in a store that began with an
     * imported state (there, the imported block). 0 while every body is kept. Never decreases (since 1.3.0).
     */
    default long bodiesFrom() {
        return 0;
    }

    /**
     * How many last finalized blocks keep their bodies ({@code blocks.keep}); 0 means every block's body is kept
     * (since 1.3.0).
     */
    default long blocksKeep() {
        return 0;
    }

    /** An immutable snapshot of the committed state at the current head (thread-safe reads). */
    StateReader state();

    /** A writable overlay on the committed state at the current head; not thread-safe (one user at a time). */
    StateOverlay overlay();

    /**
     * Writes the overlay's changes and the block in ONE Derby transaction; the new committed root equals
     * {@code overlay.root()}. The block's transactions are found by {@link #transaction} as soon as this returns
     * (their index rows are derived data, written in the background and rebuilt at open after a crash). Fails
     * (nothing written) if the overlay was not made on the current head of this store or
     * {@code block.number() != head.number + 1} (0 for genesis), or the block hash is already stored.
     */
    void commit(StateOverlay overlay, BlockRecord block) throws StoreException;

    /** Marks a committed block final; {@link #finalizedHead()} returns the highest such. Lower numbers are a no-op. */
    void finalize(long number) throws StoreException;

    Optional<BlockRecord> finalizedHead();

    /**
     * The committed state after block {@code number}, if this store still keeps it (archive: every block; pruned:
     * the last N finalized and everything newer; docs/state.md says what the store keeps). Thread-safe reads.
     */
    default Optional<StateReader> stateAt(long number) {
        return Optional.empty();
    }

    /**
     * Starts writing a whole state received from elsewhere into an EMPTY store (no genesis): the state after
     * {@code block}, whose root must be {@code expectedRoot}. Nothing is stored until {@link StateImport#commit()}.
     *
     * @throws StoreException if the store is not empty, or it cannot import
     */
    default StateImport importState(BlockRecord block, byte[] expectedRoot) throws StoreException {
        throw new StoreException("this chain store cannot import a state");
    }

    /** Figures of this store: keys, size on disk, cache use (since 1.2.0). */
    default StoreStats stats() {
        throw new UnsupportedOperationException("this chain store keeps no figures");
    }

    @Override
    void close();
}

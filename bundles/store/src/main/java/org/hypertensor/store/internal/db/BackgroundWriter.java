package org.hypertensor.store.internal.db;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.store.api.TxLocation;
import org.hypertensor.util.concurrent.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Writes derived data off the commit path, on its own connection and thread, each task in its own transaction:
 * the transaction index (until a block's rows are in, its transactions are answered from memory) and the stored
 * bucket hashes (after which older undo records are deleted). Both can be rebuilt from what a commit wrote, so a
 * crash in the middle loses nothing: at open the store re-indexes the blocks above {@code tx_indexed} and applies
 * the bucket changes of the blocks above {@code tree}. It also prunes old finalized blocks' bodies
 * ({@code blocks.keep}) in small batches, each moving {@code bodies_from} in the same transaction, so a crash leaves
 * every body either whole or pruned and the next open goes on from {@code bodies_from}.
 */
final class BackgroundWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWriter.class);

    private final Path directory;
    private final Connection connection;
    private final ExecutorService executor;
    private final Map<ByteBuffer, TxLocation> pendingTx = new ConcurrentHashMap<>();
    private final AtomicBoolean treeQueued = new AtomicBoolean();
    /** After a failed index write, later blocks stay in memory only, so tx_indexed never skips a block. */
    private volatile boolean indexFailed;

    private volatile boolean closing;

    /** Blocks whose bodies one pruning transaction removes: short, so index writes queued meanwhile wait little. */
    static final int PRUNE_BATCH = 64;
    /** ...and at most about this many transaction index rows (a block is never split). */
    static final int PRUNE_TXS = 20_000;

    private static final int HASH = 32;

    private final AtomicLong pruneTarget = new AtomicLong();
    private final AtomicBoolean pruneQueued = new AtomicBoolean();
    /** The lowest block with a body (readers treat the batch being pruned as pruned already). */
    private volatile long bodiesFrom;
    /** The last pruning batch failed: its target waits for the next finalized block, no work is queued for it. */
    private volatile boolean pruneFailed;
    /** Where the current pruning run began (writer thread only), for its progress log. */
    private long pruneRunFrom = -1;
    /** When the last progress line of a long pruning run was logged (writer thread only). */
    private long pruneLogged = System.nanoTime();

    BackgroundWriter(Path directory, Connection connection) throws SQLException {
        this.directory = directory;
        this.connection = connection;
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        this.executor =
                Executors.newSingleThreadExecutor(NamedThreads.single("chain-store-writer " + directory.getFileName()));
    }

    /** The location of a transaction whose index rows are not written yet, or null. */
    TxLocation pending(byte[] txHash) {
        return pendingTx.get(ByteBuffer.wrap(txHash));
    }

    /** Indexes a committed block's transactions: in memory now, in the database soon. */
    void index(long number, byte[] blockHash, List<byte[]> txHashes) {
        for (int i = 0; i < txHashes.size(); i++) {
            pendingTx.putIfAbsent(
                    ByteBuffer.wrap(txHashes.get(i).clone()), new TxLocation(number, blockHash.clone(), i));
        }
        executor.execute(() -> writeIndex(number, txHashes));
    }

    private void writeIndex(long number, List<byte[]> txHashes) {
        if (indexFailed) {
            return;
        }
        try {
            insertTxRows(number, txHashes, true);
            try (PreparedStatement ps =
                    connection.prepareStatement("UPDATE ht_meta SET num = ? WHERE name = 'tx_indexed'")) {
                ps.setLong(1, number);
                ps.executeUpdate();
            }
            connection.commit();
            for (byte[] tx : txHashes) {
                pendingTx.computeIfPresent(ByteBuffer.wrap(tx), (k, v) -> v.blockNumber() == number ? null : v);
            }
        } catch (SQLException e) {
            rollback();
            indexFailed = true;
            LOG.warn(
                    "Transaction index of block #{} in {} not written ({}); its transactions stay in memory and are"
                            + " indexed again at the next open",
                    number,
                    directory,
                    Derby.message(e));
        }
    }

    private void insertTxRows(long number, List<byte[]> txHashes, boolean batch) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO ht_txs (tx, num, idx) VALUES (?, ?, ?)")) {
            for (int i = 0; i < txHashes.size(); i++) {
                ps.setBytes(1, txHashes.get(i));
                ps.setLong(2, number);
                ps.setInt(3, i);
                if (batch) {
                    ps.addBatch();
                } else {
                    try {
                        ps.executeUpdate();
                    } catch (SQLException e) {
                        if (!"23505".equals(e.getSQLState())) {
                            throw e;
                        }
                        // the same transaction hash in an earlier block: the first one stays indexed
                    }
                }
            }
            if (batch && !txHashes.isEmpty()) {
                try {
                    ps.executeBatch();
                } catch (SQLException e) {
                    if (!isDuplicate(e)) {
                        throw e;
                    }
                    rollback();
                    insertTxRows(number, txHashes, false);
                }
            }
        }
    }

    private static boolean isDuplicate(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Queues storing the bucket hashes of block {@code number} unless a write is queued already; afterwards older
     * stored hashes and the undo records below {@code keepFrom} are deleted. Returns whether queued.
     */
    boolean tree(long number, byte[] bucketHashes, long keepFrom) {
        if (!treeQueued.compareAndSet(false, true)) {
            return false;
        }
        executor.execute(() -> {
            try {
                if (!closing) {
                    writeTree(number, bucketHashes, keepFrom);
                }
            } finally {
                treeQueued.set(false);
            }
        });
        return true;
    }

    private void writeTree(long number, byte[] bucketHashes, long keepFrom) {
        long start = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ht_tree (num, data) VALUES (?, ?)");
                PreparedStatement meta = connection.prepareStatement("UPDATE ht_meta SET num = ? WHERE name = 'tree'");
                PreparedStatement oldTrees = connection.prepareStatement("DELETE FROM ht_tree WHERE num < ?");
                PreparedStatement oldChanges = connection.prepareStatement("DELETE FROM ht_changes WHERE num < ?")) {
            insert.setLong(1, number);
            insert.setBinaryStream(2, new ByteArrayInputStream(bucketHashes), bucketHashes.length);
            insert.executeUpdate();
            meta.setLong(1, number);
            meta.executeUpdate();
            oldTrees.setLong(1, number);
            oldTrees.executeUpdate();
            oldChanges.setLong(1, Math.min(number, keepFrom));
            oldChanges.executeUpdate();
            connection.commit();
            LOG.debug(
                    "Bucket hashes of block #{} stored in {}: {} ms",
                    number,
                    directory,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            rollback();
            LOG.warn(
                    "Bucket hashes of block #{} in {} not stored ({}); the undo records are kept",
                    number,
                    directory,
                    e instanceof SQLException sql ? Derby.message(sql) : e.toString());
        }
    }

    /** The lowest block whose body, transaction list and receipts are kept. */
    long bodiesFrom() {
        return bodiesFrom;
    }

    /** At open (before any pruning is queued): where pruning stopped, as {@code bodies_from} records it. */
    void bodiesPrunedBelow(long from) {
        bodiesFrom = from;
    }

    /**
     * Queues pruning the bodies of the blocks below {@code target}, which must all be finalized (the caller's
     * duty); a target at or below what is pruned already is a no-op.
     */
    void prune(long target) {
        pruneTarget.accumulateAndGet(target, Math::max);
        if (pruneTarget.get() > bodiesFrom && !closing && pruneQueued.compareAndSet(false, true)) {
            queuePruneBatch();
        }
    }

    /** Queues the next batch (pruneQueued is set: it stays set until a batch finds nothing left to do). */
    private void queuePruneBatch() {
        try {
            executor.execute(this::pruneBatch);
        } catch (RejectedExecutionException e) {
            pruneQueued.set(false); // closing: the next open goes on
        }
    }

    /** One batch in one transaction; queues the next one behind the work queued meanwhile. */
    private void pruneBatch() {
        long from = bodiesFrom;
        long target = pruneTarget.get();
        long limit = Math.min(target, from + PRUNE_BATCH);
        long to = limit;
        boolean done = false;
        try {
            if (closing || limit <= from) {
                return;
            }
            if (pruneRunFrom < 0) {
                pruneRunFrom = from;
            }
            try (PreparedStatement bodies = connection.prepareStatement(
                            "UPDATE ht_blocks SET body = ?, tx_hashes = ?, receipts = ? WHERE num >= ? AND num < ?");
                    PreparedStatement meta = connection.prepareStatement(
                            "UPDATE ht_meta SET num = ? WHERE name = '" + Schema.BODIES_FROM + "'")) {
                to = deleteIndexRows(from, limit);
                byte[] none = new byte[0];
                bodies.setBytes(1, none);
                bodies.setBytes(2, none);
                bodies.setBytes(3, none);
                bodies.setLong(4, from);
                bodies.setLong(5, to);
                bodies.executeUpdate();
                meta.setLong(1, to);
                meta.executeUpdate();
                bodiesFrom = to; // before the commit: a reader never sees an emptied body as a kept one
                connection.commit();
            }
            long end = to;
            pendingTx.values().removeIf(t -> t.blockNumber() < end);
            done = true;
            pruneFailed = false;
            if (to == target) {
                LOG.atLevel(to - pruneRunFrom > PRUNE_BATCH ? Level.INFO : Level.DEBUG)
                        .log(
                                "Pruned the bodies of blocks #{} to #{} in {} (blocks.keep)",
                                pruneRunFrom,
                                to - 1,
                                directory);
                pruneRunFrom = -1;
            } else if (System.nanoTime() - pruneLogged > TimeUnit.SECONDS.toNanos(5)) {
                pruneLogged = System.nanoTime();
                LOG.info("Pruning old block bodies in {}: #{} of #{}", directory, to, target);
            }
        } catch (SQLException e) {
            rollback();
            bodiesFrom = from;
            pruneRunFrom = -1;
            pruneFailed = true;
            LOG.warn(
                    "Bodies of blocks #{} to #{} in {} not pruned ({}); tried again at the next finalized block",
                    from,
                    limit - 1,
                    directory,
                    Derby.message(e));
        } finally {
            if (done && !closing && pruneTarget.get() > bodiesFrom) {
                queuePruneBatch();
            } else {
                pruneQueued.set(false);
                if (done) {
                    prune(pruneTarget.get()); // a target raised meanwhile (after a failure: the next finalize)
                }
            }
        }
    }

    /**
     * Deletes the transaction index rows of the blocks from {@code from} below {@code limit}, by primary key (the
     * index has none on the block number), stopping after the block that reaches {@link #PRUNE_TXS} rows so one
     * transaction stays small; returns the block after the last one done.
     */
    private long deleteIndexRows(long from, long limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT num, tx_hashes FROM ht_blocks WHERE num >= ? AND num < ? ORDER BY num");
                PreparedStatement delete = connection.prepareStatement("DELETE FROM ht_txs WHERE tx = ? AND num = ?")) {
            select.setLong(1, from);
            select.setLong(2, limit);
            int rows = 0;
            long end = limit;
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next() && rows < PRUNE_TXS) {
                    long num = rs.getLong(1);
                    byte[] packed = rs.getBytes(2);
                    for (int i = 0; i + HASH <= packed.length; i += HASH) {
                        delete.setBytes(1, Arrays.copyOfRange(packed, i, i + HASH));
                        delete.setLong(2, num); // a hash first indexed in an earlier block keeps that row
                        delete.addBatch();
                        rows++;
                    }
                    end = rows >= PRUNE_TXS ? num + 1 : limit;
                }
            }
            if (rows > 0) {
                delete.executeBatch();
            }
            return end;
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback of the background writer in {}: {}", directory, e.getMessage());
        }
    }

    /** Waits for queued work to finish (up to {@code seconds}); a snapshot not yet started is skipped. */
    void close(int seconds) {
        closing = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(seconds, TimeUnit.SECONDS)) {
                LOG.warn(
                        "Background writer of {} did not finish in {} s; the next open completes its work",
                        directory,
                        seconds);
                executor.shutdownNow();
                executor.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the background connection of {}: {}", directory, e.getMessage());
        }
    }

    /**
     * True when no work is queued or running (tests and benchmarks). A pruning target above {@code bodiesFrom} counts
     * as work unless the last batch failed: a batch that ends clears {@code pruneQueued} before it queues the next
     * one for a target raised meanwhile, and that moment is not idle.
     */
    boolean idle() {
        return pendingTx.isEmpty()
                && !treeQueued.get()
                && !pruneQueued.get()
                && (pruneFailed || closing || pruneTarget.get() <= bodiesFrom);
    }
}

package org.hypertensor.store.internal.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateImport;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateProof;
import org.hypertensor.store.api.StateReader;
import org.hypertensor.store.api.StoreException;
import org.hypertensor.store.api.TxLocation;
import org.hypertensor.store.internal.state.StateSnapshot;
import org.hypertensor.store.internal.state.TrieOverlay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chain store in an embedded Derby database. Durable: the flat state table and the blocks. In memory: the state
 * tries, rebuilt from the table at open and checked against the root recorded with the head block. A commit is one
 * Derby transaction; the in-memory head moves only after it committed.
 */
public final class DerbyChainStore implements ChainStore {
    private static final Logger LOG = LoggerFactory.getLogger(DerbyChainStore.class);
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static final int HASH = 32;
    private static final String BLOCK_COLUMNS = "num, hash, parent, header, body, tx_hashes, receipts";

    /** A snapshot is written once this many changed entries accumulated since the last one (or the state size, if larger). */
    static final int MIN_SNAPSHOT_CHANGES = 100_000;

    /** {@link #stateAt}: the states of this many last finalized blocks and of those above them are kept... */
    static final int KEEP_FINALIZED_STATES = 16;

    /** ... but at most this many states (in the heap, each holds its own changed paths). */
    static final int MAX_RETAINED_STATES = 64;

    private final RetainedStates retained = new RetainedStates(KEEP_FINALIZED_STATES, MAX_RETAINED_STATES);

    private final int minSnapshotChanges;
    private final Path directory;
    private final Connection writer;
    private final Connection reader;
    private final BackgroundWriter background;
    private long changesSinceSnapshot;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object readLock = new Object();

    /** Head block and its state, replaced together. */
    private record Head(BlockRecord block, StateSnapshot state) {}

    private volatile Head head;
    private volatile long finalized;
    private volatile boolean closed;

    private DerbyChainStore(
            Path directory, Connection writer, Connection reader, BackgroundWriter background, int minSnapshotChanges) {
        this.minSnapshotChanges = minSnapshotChanges;
        this.directory = directory;
        this.writer = writer;
        this.reader = reader;
        this.background = background;
    }

    /** Opens (creating if needed) the store in {@code directory}. */
    public static DerbyChainStore open(Path directory) throws StoreException {
        return open(directory, MIN_SNAPSHOT_CHANGES);
    }

    /** As {@link #open(Path)}, with the snapshot threshold (tests use a small one). */
    static DerbyChainStore open(Path directory, int minSnapshotChanges) throws StoreException {
        Path dir;
        try {
            Files.createDirectories(directory);
            dir = directory.toRealPath();
        } catch (IOException e) {
            throw new StoreException("cannot create the store directory " + directory + ": " + e.getMessage(), e);
        }
        if (!OPEN.add(dir)) {
            throw new StoreException("chain store " + dir + " is already open in this process");
        }
        Connection writer = null;
        Connection reader = null;
        BackgroundWriter background = null;
        try {
            long start = System.nanoTime();
            writer = Derby.connect(dir, ";create=true");
            writer.setAutoCommit(false);
            writer.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            Schema.ensure(writer);
            reader = Derby.connect(dir, "");
            reader.setAutoCommit(true);
            reader.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            background = new BackgroundWriter(dir, Derby.connect(dir, ""));
            DerbyChainStore store = new DerbyChainStore(dir, writer, reader, background, minSnapshotChanges);
            store.load();
            Head h = store.head;
            LOG.info(
                    "Chain store {} opened: {}, {} state keys, root {}, in {} ms",
                    dir,
                    h.block == null ? "no blocks" : "head #" + h.block.number(),
                    h.state.size(),
                    HexFormat.of().formatHex(h.state.root()),
                    (System.nanoTime() - start) / 1_000_000);
            return store;
        } catch (SQLException | RuntimeException | StoreException e) {
            if (background != null) {
                background.close(5);
            }
            closeQuietly(reader);
            closeQuietly(writer);
            Derby.shutdown(dir);
            OPEN.remove(dir);
            if (e instanceof StoreException se) {
                throw se;
            }
            String why = e instanceof SQLException sql ? Derby.message(sql) : e.getMessage();
            if (e instanceof SQLException sql && Derby.hasState(sql, "XSDB6")) {
                why = "the database is in use by another process";
            }
            throw new StoreException("cannot open chain store " + dir + ": " + why, e);
        }
    }

    /** Rebuilds the state (latest snapshot + the changesets after it), checks its root, re-queues the tx index. */
    private void load() throws SQLException, StoreException {
        BlockRecord top = null;
        byte[] recordedRoot = StateProof.emptyRoot();
        try (PreparedStatement ps = reader.prepareStatement("SELECT " + BLOCK_COLUMNS
                        + ", state_root FROM ht_blocks WHERE num = (SELECT MAX(num) FROM ht_blocks)");
                ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                top = block(rs);
                recordedRoot = rs.getBytes(8);
            }
        }
        long headNumber = top == null ? -1 : top.number();
        finalized = meta(reader, "finalized");
        long snapshotAt = meta(reader, "snapshot");
        StateSnapshot state;
        try {
            long t0 = System.nanoTime();
            List<StateSnapshot.StoredEntry> entries = new ArrayList<>();
            try (PreparedStatement ps =
                    reader.prepareStatement("SELECT data FROM ht_snapshot WHERE num = ? ORDER BY seq")) {
                ps.setLong(1, snapshotAt);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StateCodec.readChunk(rs.getBytes(1), entries);
                    }
                }
            }
            StateSnapshot base = StateSnapshot.build(entries);
            if (snapshotAt >= 0 && retained.keeps(snapshotAt, headNumber, finalized)) {
                retained.put(snapshotAt, base);
            }
            TrieOverlay replay = base.overlay();
            long t1 = System.nanoTime();
            long next = snapshotAt + 1;
            try (PreparedStatement ps =
                    reader.prepareStatement("SELECT num, data FROM ht_changes WHERE num > ? ORDER BY num")) {
                ps.setLong(1, snapshotAt);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getLong(1) != next) {
                            throw new IllegalArgumentException("changeset of block #" + next + " is missing");
                        }
                        changesSinceSnapshot += StateCodec.apply(rs.getBytes(2), replay);
                        if (next < headNumber && retained.keeps(next, headNumber, finalized)) {
                            StateSnapshot at = replay.toSnapshot();
                            retained.put(next, at);
                            replay = at.overlay();
                        }
                        next++;
                    }
                }
            }
            if (next - 1 != headNumber) {
                throw new IllegalArgumentException(
                        "changesets end at block #" + (next - 1) + ", the head is #" + headNumber);
            }
            state = replay.toSnapshot();
            LOG.debug(
                    "Loaded {}: snapshot at #{} ({} keys) read and built in {} ms, {} changesets replayed and hashed"
                            + " in {} ms",
                    directory,
                    snapshotAt,
                    entries.size(),
                    (t1 - t0) / 1_000_000,
                    next - 1 - snapshotAt,
                    (System.nanoTime() - t1) / 1_000_000);
        } catch (IllegalArgumentException e) {
            throw new StoreException("stored state of " + directory + " is corrupt: " + e.getMessage());
        }
        if (!Arrays.equals(state.root(), recordedRoot)) {
            throw new StoreException("stored state of " + directory + " does not match "
                    + (top == null ? "the empty state" : "block #" + top.number()) + ": root "
                    + hex(state.root()) + ", recorded " + hex(recordedRoot));
        }
        head = new Head(top, state);
        if (top != null) {
            retained.put(top.number(), state);
        }
        try (PreparedStatement ps =
                reader.prepareStatement("SELECT num, hash, tx_hashes FROM ht_blocks WHERE num > ? ORDER BY num")) {
            ps.setLong(1, meta(reader, "tx_indexed"));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    background.index(rs.getLong(1), rs.getBytes(2), unpack(rs.getBytes(3)));
                }
            }
        }
    }

    private static long meta(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT num FROM ht_meta WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("meta entry '" + name + "' is missing");
                }
                return rs.getLong(1);
            }
        }
    }

    private static BlockRecord block(ResultSet rs) throws SQLException {
        return new BlockRecord(
                rs.getLong(1),
                rs.getBytes(2),
                rs.getBytes(3),
                rs.getBytes(4),
                rs.getBytes(5),
                unpack(rs.getBytes(6)),
                rs.getBytes(7));
    }

    private static List<byte[]> unpack(byte[] packed) {
        List<byte[]> txHashes = new ArrayList<>(packed.length / HASH);
        for (int i = 0; i < packed.length; i += HASH) {
            txHashes.add(Arrays.copyOfRange(packed, i, i + HASH));
        }
        return List.copyOf(txHashes);
    }

    @Override
    public Optional<BlockRecord> head() {
        checkOpen();
        return Optional.ofNullable(head.block);
    }

    @Override
    public Optional<BlockRecord> blockByNumber(long number) {
        checkOpen();
        Head h = head;
        if (h.block == null || number < 0 || number > h.block.number()) {
            return Optional.empty();
        }
        if (number == h.block.number()) {
            return Optional.of(h.block);
        }
        return queryBlock("num = ?", ps -> ps.setLong(1, number));
    }

    @Override
    public Optional<BlockRecord> blockByHash(byte[] hash) {
        checkOpen();
        if (hash == null || hash.length != HASH) {
            return Optional.empty();
        }
        return queryBlock("hash = ?", ps -> ps.setBytes(1, hash));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Optional<BlockRecord> queryBlock(String where, Binder binder) {
        synchronized (readLock) {
            try (PreparedStatement ps =
                    reader.prepareStatement("SELECT " + BLOCK_COLUMNS + " FROM ht_blocks WHERE " + where)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(block(rs)) : Optional.empty();
                }
            } catch (SQLException e) {
                throw readFailure(e);
            }
        }
    }

    @Override
    public Optional<TxLocation> transaction(byte[] txHash) {
        checkOpen();
        if (txHash == null || txHash.length != HASH) {
            return Optional.empty();
        }
        Optional<TxLocation> indexed = indexedTransaction(txHash);
        if (indexed.isPresent()) {
            return indexed;
        }
        // Not in the database: a block the background writer has not indexed yet, or (if its rows were committed
        // between the two looks) the database after all.
        TxLocation pending = background.pending(txHash);
        return pending != null ? Optional.of(pending) : indexedTransaction(txHash);
    }

    private Optional<TxLocation> indexedTransaction(byte[] txHash) {
        synchronized (readLock) {
            try (PreparedStatement ps = reader.prepareStatement(
                    "SELECT t.num, b.hash, t.idx FROM ht_txs t JOIN ht_blocks b ON b.num = t.num WHERE t.tx = ?")) {
                ps.setBytes(1, txHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new TxLocation(rs.getLong(1), rs.getBytes(2), rs.getInt(3)))
                            : Optional.empty();
                }
            } catch (SQLException e) {
                throw readFailure(e);
            }
        }
    }

    private IllegalStateException readFailure(SQLException e) {
        return new IllegalStateException("chain store " + directory + " read failed: " + Derby.message(e), e);
    }

    @Override
    public StateReader state() {
        checkOpen();
        return head.state;
    }

    @Override
    public StateOverlay overlay() {
        checkOpen();
        return head.state.overlay();
    }

    @Override
    public void commit(StateOverlay overlay, BlockRecord block) throws StoreException {
        checkOpen();
        writeLock.lock();
        try {
            Head h = head;
            long expected = h.block == null ? 0 : h.block.number() + 1;
            if (!(overlay instanceof TrieOverlay trie) || trie.base() != h.state) {
                throw new StoreException("commit of block #" + (block == null ? "?" : block.number())
                        + " refused: the overlay was not made on the current head of this store");
            }
            validate(block, expected);
            StateSnapshot next = trie.toSnapshot();
            long start = System.nanoTime();
            int changes = write(trie, block, next.root());
            head = new Head(copy(block), next);
            retained.put(block.number(), next);
            retained.prune(block.number(), finalized);
            background.index(block.number(), block.hash(), block.txHashes());
            changesSinceSnapshot += changes;
            if (changesSinceSnapshot >= Math.max(minSnapshotChanges, next.size())
                    && background.snapshot(block.number(), next)) {
                changesSinceSnapshot = 0;
            }
            LOG.debug(
                    "Committed block #{}: {} state changes, {} transactions, in {} ms",
                    block.number(),
                    changes,
                    block.txHashes().size(),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            writeLock.unlock();
        }
    }

    /** The head is cached: keep it safe from a caller reusing its arrays. */
    private static BlockRecord copy(BlockRecord b) {
        return new BlockRecord(
                b.number(),
                b.hash().clone(),
                b.parentHash().clone(),
                b.header().clone(),
                b.body().clone(),
                b.txHashes().stream().map(byte[]::clone).toList(),
                b.receipts().clone());
    }

    private static void validate(BlockRecord block, long expected) throws StoreException {
        if (block == null) {
            throw new StoreException("commit refused: no block");
        }
        String what = "commit of block #" + block.number() + " refused: ";
        if (block.number() != expected) {
            throw new StoreException(what + "the next block number is " + expected);
        }
        if (block.hash() == null || block.hash().length != HASH) {
            throw new StoreException(what + "block hash must be " + HASH + " bytes");
        }
        if (block.parentHash() == null || block.parentHash().length > 64) {
            throw new StoreException(what + "parent hash missing or longer than 64 bytes");
        }
        if (block.header() == null || block.body() == null || block.receipts() == null || block.txHashes() == null) {
            throw new StoreException(what + "header, body, receipts and transaction list must not be null");
        }
        for (byte[] tx : block.txHashes()) {
            if (tx == null || tx.length != HASH) {
                throw new StoreException(what + "every transaction hash must be " + HASH + " bytes");
            }
        }
    }

    /** Writes the block's changeset and the block in one transaction; returns the number of changed keys. */
    private int write(TrieOverlay overlay, BlockRecord block, byte[] root) throws StoreException {
        StateCodec.ChangesetWriter changeset = new StateCodec.ChangesetWriter();
        overlay.forEachChange((keyHash, key, existed, value) -> {
            if (value == null) {
                changeset.delete(key);
            } else {
                changeset.put(key, value);
            }
        });
        try (PreparedStatement changes = writer.prepareStatement("INSERT INTO ht_changes (num, data) VALUES (?, ?)");
                PreparedStatement blocks = writer.prepareStatement(INSERT_BLOCK)) {
            changes.setLong(1, block.number());
            setBlob(changes, 2, changeset.toByteArray());
            changes.executeUpdate();
            insertBlock(blocks, block, root);
            writer.commit();
            return changeset.count();
        } catch (SQLException e) {
            rollback();
            String why = Derby.message(e);
            if ("23505".equals(e.getSQLState())) {
                why = "a block with this hash is already stored (" + why + ")";
            }
            throw new StoreException("commit of block #" + block.number() + " failed, nothing written: " + why, e);
        }
    }

    private static final String INSERT_BLOCK =
            "INSERT INTO ht_blocks (" + BLOCK_COLUMNS + ", state_root) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static void insertBlock(PreparedStatement blocks, BlockRecord block, byte[] root) throws SQLException {
        List<byte[]> txHashes = block.txHashes();
        byte[] packed = new byte[txHashes.size() * HASH];
        for (int i = 0; i < txHashes.size(); i++) {
            System.arraycopy(txHashes.get(i), 0, packed, i * HASH, HASH);
        }
        blocks.setLong(1, block.number());
        blocks.setBytes(2, block.hash());
        blocks.setBytes(3, block.parentHash());
        setBlob(blocks, 4, block.header());
        setBlob(blocks, 5, block.body());
        setBlob(blocks, 6, packed);
        setBlob(blocks, 7, block.receipts());
        blocks.setBytes(8, root);
        blocks.executeUpdate();
    }

    @Override
    public Optional<StateReader> stateAt(long number) {
        checkOpen();
        return Optional.ofNullable(retained.get(number));
    }

    @Override
    public StateImport importState(BlockRecord block, byte[] expectedRoot) throws StoreException {
        checkOpen();
        if (block == null || expectedRoot == null || expectedRoot.length != HASH) {
            throw new StoreException("state import refused: a block and a " + HASH + "-byte expected root are needed");
        }
        requireEmpty(block.number());
        validate(block, block.number());
        return new DerbyStateImport(this, block, expectedRoot);
    }

    private void requireEmpty(long number) throws StoreException {
        BlockRecord top = head.block;
        if (top != null) {
            throw new StoreException("state import of block #" + number + " refused: the store is not empty (head #"
                    + top.number() + ")");
        }
    }

    /**
     * Stores an imported state (root already checked) and its block as head and finalized head, in one transaction:
     * the state as the snapshot at that block, so the next open loads it and replays the changesets after it.
     */
    void commitImport(BlockRecord block, StateSnapshot state) throws StoreException {
        checkOpen();
        writeLock.lock();
        try {
            requireEmpty(block.number());
            long start = System.nanoTime();
            try (PreparedStatement blocks = writer.prepareStatement(INSERT_BLOCK);
                    PreparedStatement meta = writer.prepareStatement("UPDATE ht_meta SET num = ? WHERE name = ?")) {
                int chunks = BackgroundWriter.insertSnapshot(writer, block.number(), state);
                insertBlock(blocks, block, state.root());
                for (String name : new String[] {"snapshot", "finalized"}) {
                    meta.setLong(1, block.number());
                    meta.setString(2, name);
                    meta.executeUpdate();
                }
                writer.commit();
                LOG.info(
                        "Imported the state of block #{} into {}: {} keys in {} chunks, {} ms",
                        block.number(),
                        directory,
                        state.size(),
                        chunks,
                        (System.nanoTime() - start) / 1_000_000);
            } catch (SQLException e) {
                rollback();
                throw new StoreException(
                        "state import of block #" + block.number() + " failed, nothing written: " + Derby.message(e),
                        e);
            }
            head = new Head(copy(block), state);
            finalized = block.number();
            changesSinceSnapshot = 0;
            retained.put(block.number(), state);
            background.index(block.number(), block.hash(), block.txHashes());
        } finally {
            writeLock.unlock();
        }
    }

    /** Streams a BLOB parameter (measurably faster in Derby than setBytes for large values). */
    private static void setBlob(PreparedStatement ps, int index, byte[] data) throws SQLException {
        ps.setBinaryStream(index, new java.io.ByteArrayInputStream(data), data.length);
    }

    private void rollback() {
        try {
            writer.rollback();
        } catch (SQLException e) {
            LOG.warn("Rollback in chain store {} failed: {}", directory, Derby.message(e));
        }
    }

    @Override
    public void finalize(long number) throws StoreException {
        checkOpen();
        writeLock.lock();
        try {
            BlockRecord top = head.block;
            if (top == null || number < 0 || number > top.number()) {
                throw new StoreException("cannot finalize block #" + number + ": the head is "
                        + (top == null ? "empty" : "#" + top.number()));
            }
            if (number <= finalized) {
                return;
            }
            try (PreparedStatement ps =
                    writer.prepareStatement("UPDATE ht_meta SET num = ? WHERE name = 'finalized'")) {
                ps.setLong(1, number);
                ps.executeUpdate();
                writer.commit();
            } catch (SQLException e) {
                rollback();
                throw new StoreException("finalizing block #" + number + " failed: " + Derby.message(e), e);
            }
            finalized = number;
            retained.prune(top.number(), number);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<BlockRecord> finalizedHead() {
        long number = finalized;
        return number < 0 ? Optional.empty() : blockByNumber(number);
    }

    public Path directory() {
        return directory;
    }

    public boolean isClosed() {
        return closed;
    }

    /** True when the background writer has no queued work (for tests and benchmarks). */
    public boolean backgroundIdle() {
        return background.idle();
    }

    /** Stops the Derby engine if no store is open in this JVM; returns whether it did. */
    public static boolean shutdownEngineIfIdle() {
        synchronized (OPEN) {
            if (!OPEN.isEmpty()) {
                return false;
            }
            Derby.shutdownEngine();
            return true;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("chain store " + directory + " is closed");
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            background.close(60);
            synchronized (readLock) {
                closeQuietly(reader);
            }
            rollback();
            closeQuietly(writer);
            Derby.shutdown(directory);
            OPEN.remove(directory);
            LOG.info("Chain store {} closed", directory);
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing a Derby connection: {}", e.getMessage());
            }
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}

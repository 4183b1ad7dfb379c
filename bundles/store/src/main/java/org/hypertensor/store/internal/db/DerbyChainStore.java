package org.hypertensor.store.internal.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.hypertensor.store.api.StoreStats;
import org.hypertensor.store.api.TxLocation;
import org.hypertensor.store.internal.paged.BucketCache;
import org.hypertensor.store.internal.paged.PagedCommit;
import org.hypertensor.store.internal.paged.PagedLoader;
import org.hypertensor.store.internal.paged.PagedOverlay;
import org.hypertensor.store.internal.paged.PagedSnapshot;
import org.hypertensor.store.internal.paged.RowsBehind;
import org.hypertensor.store.internal.paged.StateEngine;
import org.hypertensor.store.internal.paged.StateLayout;
import org.hypertensor.store.internal.paged.StateTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chain store in an embedded Derby database. Durable: the flat state table and the blocks. In memory: the state
 * tries, rebuilt from the table at open and checked against the root recorded with the head block. A commit is one
 * Derby transaction; the in-memory head moves only after it committed.
 */
/**
 * A chain store in an embedded Derby database. The state is paged (docs/state.md): its rows and per-block undo
 * records are in the database, the head's bucket hashes and recently used buckets in memory; open reads the stored
 * bucket hashes and the few blocks after them, never the whole state. A commit is one Derby transaction; the
 * in-memory head moves only after it committed.
 */
public final class DerbyChainStore implements ChainStore {
    /**
     * Connections reading buckets of state rows: a block's execution and the prefetch of its accounts read at once
     * (a third would have no thread to serve).
     */
    private static final int BUCKET_READERS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(DerbyChainStore.class);
    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();
    private static final int HASH = 32;
    private static final String BLOCK_COLUMNS = "num, hash, parent, header, body, tx_hashes, receipts";

    private final StoreOptions options;
    private final Path directory;
    private final Connection writer;
    private final Connection reader;
    /** The state table's connections: the first for scans and history, the others for bucket reads. */
    private final List<Connection> stateReaders;
    /** Writes the state rows behind the commits ({@link RowsBehind}). */
    private final Connection rowWriter;

    private final BackgroundWriter background;
    private final StateLayout layout;
    private long changesSinceTree;
    private int bucketBits;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object readLock = new Object();

    /** Head block and its state, replaced together. */
    private record Head(BlockRecord block, PagedSnapshot state) {}

    private volatile Head head;
    private volatile StateEngine engine;
    private volatile long finalized;
    /** The lowest stored block (not 0 in a store that began with an imported state). */
    private volatile long lowestBlock;

    private volatile boolean closed;

    private DerbyChainStore(
            Path directory,
            Connection writer,
            Connection reader,
            List<Connection> stateReaders,
            Connection rowWriter,
            BackgroundWriter background,
            StoreOptions options,
            StateLayout layout) {
        this.rowWriter = rowWriter;
        this.options = options;
        this.layout = layout;
        this.directory = directory;
        this.writer = writer;
        this.reader = reader;
        this.stateReaders = stateReaders;
        this.background = background;
    }

    /** Opens (creating if needed) the store in {@code directory} with the default options. */
    public static DerbyChainStore open(Path directory) throws StoreException {
        return open(directory, StoreOptions.DEFAULTS);
    }

    /** As {@link #open(Path)}, storing the bucket hashes after {@code minTreeChanges} bucket changes (tests). */
    static DerbyChainStore open(Path directory, int minTreeChanges) throws StoreException {
        return open(directory, StoreOptions.DEFAULTS.withMinTreeChanges(minTreeChanges));
    }

    /** Opens (creating if needed) the store in {@code directory}. */
    public static DerbyChainStore open(Path directory, StoreOptions options) throws StoreException {
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
        List<Connection> stateReaders = new ArrayList<>();
        Connection rowWriter = null;
        BackgroundWriter background = null;
        try {
            long start = System.nanoTime();
            writer = Derby.connect(dir, ";create=true");
            writer.setAutoCommit(false);
            writer.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            StateLayout layout = Schema.ensure(writer, options.bucketBits(), options.archive(), options.layout());
            reader = Derby.connect(dir, "");
            reader.setAutoCommit(true);
            reader.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            for (int i = 0; i <= BUCKET_READERS; i++) {
                Connection c = Derby.connect(dir, "");
                stateReaders.add(c);
                c.setAutoCommit(true);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            rowWriter = Derby.connect(dir, "");
            rowWriter.setAutoCommit(false);
            rowWriter.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            background = new BackgroundWriter(dir, Derby.connect(dir, ""));
            DerbyChainStore store =
                    new DerbyChainStore(dir, writer, reader, stateReaders, rowWriter, background, options, layout);
            store.load();
            Head h = store.head;
            LOG.info(
                    "Chain store {} opened: {}, {} state keys, root {}, in {} ms",
                    dir,
                    h.block == null ? "no blocks" : "head #" + h.block.number(),
                    h.state.size(),
                    HexFormat.of().formatHex(h.state.root()),
                    (System.nanoTime() - start) / 1_000_000);
            if (layout != options.layout()) {
                LOG.info(
                        "Chain store {} keeps state.values = {} (a database's layout is chosen when it is made)",
                        dir,
                        layout.name().toLowerCase(java.util.Locale.ROOT));
            }
            return store;
        } catch (SQLException | RuntimeException | StoreException e) {
            if (background != null) {
                background.close(5);
            }
            stateReaders.forEach(DerbyChainStore::closeQuietly);
            closeQuietly(rowWriter);
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

    /** Opens the paged state at the head (stored bucket hashes + the changes after them), checks its root. */
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
        bucketBits = (int) meta(reader, "bucket_bits");
        long treeAt = meta(reader, "tree");
        if (top == null) {
            clearState(); // an import that did not complete
            treeAt = -1;
        }
        long t0 = System.nanoTime();
        StateEngine e;
        try {
            e = PagedLoader.load(
                    directory.toString(),
                    reader,
                    new StateTable(
                            directory.toString(),
                            stateReaders.get(0),
                            stateReaders.subList(1, stateReaders.size()),
                            rowWriter,
                            options.archive(),
                            layout,
                            bucketBits),
                    options.cacheBytes(),
                    bucketBits,
                    treeAt,
                    headNumber,
                    options.keepFrom(headNumber, finalized),
                    options.journalBytes());
        } catch (IllegalArgumentException ex) {
            throw new StoreException("stored state of " + directory + " is corrupt: " + ex.getMessage());
        }
        byte[] root = e.head().root();
        if (!Arrays.equals(root, recordedRoot)) {
            throw new StoreException("stored state of " + directory + " does not match "
                    + (top == null ? "the empty state" : "block #" + top.number()) + ": root " + hex(root)
                    + ", recorded " + hex(recordedRoot));
        }
        LOG.debug(
                "Loaded the state of {}: bucket hashes of #{} and {} blocks after them in {} ms",
                directory,
                treeAt,
                headNumber - treeAt,
                (System.nanoTime() - t0) / 1_000_000);
        engine = e;
        head = new Head(top, e.head());
        try (PreparedStatement ps =
                reader.prepareStatement("SELECT num, hash, tx_hashes FROM ht_blocks WHERE num > ? ORDER BY num")) {
            ps.setLong(1, meta(reader, "tx_indexed"));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    background.index(rs.getLong(1), rs.getBytes(2), unpack(rs.getBytes(3)));
                }
            }
        }
        loadBodies();
        try {
            e.table().behind().recover(reader, meta(reader, RowsBehind.WRITTEN), headNumber, bucketBits);
        } catch (IllegalArgumentException ex) {
            throw new StoreException("stored state of " + directory + " is corrupt: " + ex.getMessage());
        }
        e.table().behind().start();
    }

    /** Where body pruning stopped, and the pruning a kill or a smaller {@code blocks.keep} left to do. */
    private void loadBodies() throws SQLException {
        background.bodiesPrunedBelow(meta(reader, Schema.BODIES_FROM));
        try (PreparedStatement ps = reader.prepareStatement("SELECT MIN(num) FROM ht_blocks");
                ResultSet rs = ps.executeQuery()) {
            lowestBlock = rs.next() ? Math.max(0, rs.getLong(1)) : 0;
        }
        background.prune(options.bodiesFrom(finalized));
    }

    /** Removes every state row and record (an empty store: no block). */
    private void clearState() throws SQLException {
        try (Statement s = writer.createStatement()) {
            StateTable.clear(writer, layout);
            s.executeUpdate("DELETE FROM ht_tree");
            s.executeUpdate("DELETE FROM ht_changes");
            s.executeUpdate("DELETE FROM ht_history");
            s.executeUpdate("UPDATE ht_meta SET num = 0 WHERE name = 'history_rows'");
            s.executeUpdate("UPDATE ht_meta SET num = -1 WHERE name = 'tree'");
            s.executeUpdate("UPDATE ht_meta SET num = -1 WHERE name = '" + RowsBehind.WRITTEN + "'");
        }
        writer.commit();
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
            if (!(overlay instanceof PagedOverlay paged) || paged.base() != h.state) {
                throw new StoreException("commit of block #" + (block == null ? "?" : block.number())
                        + " refused: the overlay was not made on the current head of this store");
            }
            validate(block, expected);
            RowsBehind behind = engine.table().behind();
            if (!behind.awaitAtMost(Math.max(0, options.rowsBehind() - 1))) {
                throw new StoreException("commit of block #" + block.number() + " refused: the state rows of block #"
                        + (behind.written() + 1) + " are not written yet (" + behind.failure() + ")");
            }
            long start = System.nanoTime();
            PagedCommit commit = PagedCommit.prepare(engine, paged, block.number());
            long prepared = System.nanoTime();
            engine.table().exclusively(() -> {
                try (PreparedStatement blocks = writer.prepareStatement(INSERT_BLOCK)) {
                    commit.write(writer);
                    insertBlock(blocks, block, commit.root());
                    writer.commit();
                } catch (SQLException e) {
                    rollback();
                    commit.failed();
                    String why = Derby.message(e);
                    if ("23505".equals(e.getSQLState())) {
                        why = "a block with this hash is already stored (" + why + ")";
                    }
                    throw new StoreException(
                            "commit of block #" + block.number() + " failed, nothing written: " + why, e);
                }
            });
            head = new Head(copy(block), commit.committed());
            if (options.rowsBehind() == 0) {
                behind.awaitAtMost(0);
            }
            engine.forgetBelow(options.keepFrom(block.number(), finalized), options.journalBytes());
            background.index(block.number(), block.hash(), block.txHashes());
            changesSinceTree += commit.changedBuckets();
            if (changesSinceTree >= options.minTreeChanges()
                    && background.tree(
                            block.number(),
                            engine.bucketHashes(),
                            options.archive() // archive: undo records are kept (old states' bucket hashes)
                                    ? 0
                                    : Math.min(
                                            Math.min(block.number(), options.keepFrom(block.number(), finalized)),
                                            behind.written() + 1))) { // redo records of rows not written yet
                changesSinceTree = 0;
            }
            LOG.debug(
                    "Committed block #{}: {} state changes in {} buckets, {} transactions, in {} ms ({} ms writing)",
                    block.number(),
                    commit.changedKeys(),
                    commit.changedBuckets(),
                    block.txHashes().size(),
                    (System.nanoTime() - start) / 1_000_000,
                    (System.nanoTime() - prepared) / 1_000_000);
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
        Head h = head;
        if (h.block == null || number < 0 || number > h.block.number()) {
            return Optional.empty();
        }
        if (number == h.block.number()) {
            return Optional.of(h.state);
        }
        if (number < engine.oldestKept() && !options.archive()) {
            return Optional.empty();
        }
        Optional<BlockRecord> block = blockByNumber(number);
        if (block.isEmpty()) {
            return Optional.empty();
        }
        return engine.at(number, stateRoot(number));
    }

    private byte[] stateRoot(long number) {
        synchronized (readLock) {
            try (PreparedStatement ps = reader.prepareStatement("SELECT state_root FROM ht_blocks WHERE num = ?")) {
                ps.setLong(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException(
                                "chain store " + directory + ": block #" + number + " vanished");
                    }
                    return rs.getBytes(1);
                }
            } catch (SQLException e) {
                throw readFailure(e);
            }
        }
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
     * Writes a batch of imported entries (their own transaction: an import is not a block); {@code written}: the
     * buckets the import wrote so far (see {@link StateTable#upsert}).
     */
    void importRows(java.util.Map<byte[], byte[]> batch, long number, java.util.BitSet written) throws StoreException {
        checkOpen();
        writeLock.lock();
        try {
            requireEmpty(number);
            engine.table().exclusively(() -> {
                try {
                    StateTable.upsert(writer, layout, bucketBits, batch, written);
                    writer.commit();
                } catch (SQLException e) {
                    rollback();
                    throw new StoreException("state import of block #" + number + " failed: " + Derby.message(e), e);
                }
            });
        } finally {
            writeLock.unlock();
        }
    }

    /** The bucket hashes and number of keys of the rows imported so far. */
    record Imported(byte[] bucketHashes, byte[] root, long keys) {}

    Imported imported(long number) throws StoreException {
        writeLock.lock();
        try {
            byte[] hashes = StateTable.bucketHashes(writer, layout, bucketBits);
            long keys = StateTable.count(writer, layout);
            writer.commit();
            return new Imported(hashes, StateTable.root(bucketBits, hashes), keys);
        } catch (SQLException e) {
            rollback();
            throw new StoreException("state import of block #" + number + " failed: " + Derby.message(e), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Drops an import that was not committed (the store is still empty). */
    void abandonImport(long number) {
        writeLock.lock();
        try {
            if (!closed && head.block == null) {
                engine.table().exclusively(this::clearState);
            }
        } catch (SQLException e) {
            rollback();
            LOG.warn("Abandoned state import of block #{} in {} not removed: {}", number, directory, e.getMessage());
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Stores the imported rows' bucket hashes and the block as head and finalized head in one transaction, if the
     * root matches; otherwise removes the rows.
     */
    void commitImport(BlockRecord block, byte[] expectedRoot) throws StoreException {
        checkOpen();
        writeLock.lock();
        try {
            requireEmpty(block.number());
            long start = System.nanoTime();
            Imported imported = imported(block.number());
            if (!Arrays.equals(imported.root(), expectedRoot)) {
                throw new StoreException("state import of block #" + block.number() + " refused: the root of the "
                        + imported.keys() + " imported keys is " + hex(imported.root()) + ", expected "
                        + hex(expectedRoot));
            }
            long n = block.number();
            try (PreparedStatement blocks = writer.prepareStatement(INSERT_BLOCK);
                    PreparedStatement tree = writer.prepareStatement("INSERT INTO ht_tree (num, data) VALUES (?, ?)");
                    PreparedStatement changes = writer.prepareStatement(
                            "INSERT INTO ht_changes (num, undo, buckets, size) VALUES (?, ?, ?, ?)");
                    PreparedStatement meta = writer.prepareStatement("UPDATE ht_meta SET num = ? WHERE name = ?")) {
                tree.setLong(1, n);
                setBlob(tree, 2, imported.bucketHashes());
                tree.executeUpdate();
                changes.setLong(1, n);
                setBlob(changes, 2, new byte[0]);
                setBlob(changes, 3, new byte[0]);
                changes.setLong(4, imported.keys());
                changes.executeUpdate();
                insertBlock(blocks, block, imported.root());
                for (String name : new String[] {"tree", "finalized", RowsBehind.WRITTEN}) {
                    meta.setLong(1, n);
                    meta.setString(2, name);
                    meta.executeUpdate();
                }
                writer.commit();
            } catch (SQLException e) {
                rollback();
                throw new StoreException(
                        "state import of block #" + n + " failed, nothing written: " + Derby.message(e), e);
            }
            StateEngine e = StateEngine.open(
                    directory.toString(),
                    engine.table(),
                    options.cacheBytes(),
                    bucketBits,
                    imported.bucketHashes(),
                    List.of(),
                    n,
                    imported.keys());
            engine = e;
            finalized = n;
            lowestBlock = n;
            changesSinceTree = 0;
            head = new Head(copy(block), e.head());
            background.index(n, block.hash(), block.txHashes());
            LOG.info(
                    "Imported the state of block #{} into {}: {} keys, {} ms",
                    n,
                    directory,
                    imported.keys(),
                    (System.nanoTime() - start) / 1_000_000);
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
            engine.forgetBelow(options.keepFrom(top.number(), number), options.journalBytes());
            background.prune(options.bodiesFrom(number));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long bodiesFrom() {
        return Math.max(background.bodiesFrom(), lowestBlock);
    }

    @Override
    public long blocksKeep() {
        return options.blocksKeep();
    }

    @Override
    public Optional<BlockRecord> finalizedHead() {
        long number = finalized;
        return number < 0 ? Optional.empty() : blockByNumber(number);
    }

    @Override
    public StoreStats stats() {
        checkOpen();
        Head h = head;
        BucketCache.Stats cache = engine.cacheStats();
        return new StoreStats(
                directory,
                h.block == null ? -1 : h.block.number(),
                h.state.size(),
                diskBytes(directory.resolve("db")),
                cache.bytes(),
                cache.maxBytes(),
                cache.hits(),
                cache.misses(),
                cache.evictions(),
                h.block == null ? -1 : options.archive() ? firstBlock() : engine.oldestKept(),
                options.archive(),
                options.archive() ? history(StateTable::historyRows) : 0,
                options.archive() ? history(StateTable::historyBytes) : 0,
                engine.table().behind().behind());
    }

    private interface HistoryFigure {
        long read(Connection c) throws SQLException;
    }

    /** A figure of the history table (0 if it cannot be read: a figure, not a failure). */
    private long history(HistoryFigure figure) {
        synchronized (readLock) {
            try {
                return figure.read(reader);
            } catch (SQLException e) {
                LOG.debug("History figure of {}: {}", directory, Derby.message(e));
                return 0;
            }
        }
    }

    /** The first stored block (0, or the block a state import started from). */
    private long firstBlock() {
        return history(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(num) FROM ht_blocks");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        });
    }

    /**
     * Total size of the files under {@code dir}: a figure, not a failure, so a file Derby removes during the walk (a
     * log file after a checkpoint) is skipped rather than ending the walk with a partial sum.
     */
    private static long diskBytes(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                    total[0] += a.isRegularFile() ? a.size() : 0;
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.debug("Size of {}: {}", dir, e.getMessage());
        }
        return total[0];
    }

    public Path directory() {
        return directory;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The state rows written behind the commits (tests). */
    RowsBehind rowsBehind() {
        return engine.table().behind();
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
            if (engine != null) {
                engine.table().behind().close(600);
            }
            background.close(60);
            synchronized (readLock) {
                closeQuietly(reader);
            }
            engine.table().exclusively(() -> stateReaders.forEach(DerbyChainStore::closeQuietly));
            try {
                rowWriter.rollback(); // a write cut short by the close's time limit
            } catch (SQLException e) {
                LOG.debug("Rollback of the state row writer of {}: {}", directory, e.getMessage());
            }
            closeQuietly(rowWriter);
            rollback();
            closeQuietly(writer);
            if (engine != null) {
                engine.release();
            }
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

package org.hypertensor.ledger.internal.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.hypertensor.crypto.api.Ed25519;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.ledger.api.AccountInfo;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.BlockTimingListener;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.ledger.api.PoolEntry;
import org.hypertensor.ledger.api.PoolListener;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.Supply;
import org.hypertensor.ledger.api.TransactionInfo;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.TransactionRejected.Reason;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.consensus.ActiveSet;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.Equivocation;
import org.hypertensor.ledger.api.consensus.EvidenceRule;
import org.hypertensor.ledger.api.consensus.ValidatorSet;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.block.Block;
import org.hypertensor.ledger.internal.block.Header;
import org.hypertensor.ledger.internal.block.ReceiptCodec;
import org.hypertensor.ledger.internal.block.TransactionsRoot;
import org.hypertensor.ledger.internal.consensus.Finality;
import org.hypertensor.ledger.internal.exec.BlockEnv;
import org.hypertensor.ledger.internal.exec.ExecutionContext;
import org.hypertensor.ledger.internal.exec.Executive;
import org.hypertensor.ledger.internal.exec.InvalidTransaction;
import org.hypertensor.ledger.internal.exec.ModuleSet;
import org.hypertensor.ledger.internal.modules.BalancesState;
import org.hypertensor.ledger.internal.pool.TransactionPool;
import org.hypertensor.ledger.internal.spec.ChainSpec;
import org.hypertensor.ledger.internal.spec.LedgerParameters;
import org.hypertensor.ledger.internal.state.PrefixedStorage;
import org.hypertensor.ledger.internal.state.StateKeys;
import org.hypertensor.ledger.internal.state.SystemState;
import org.hypertensor.ledger.internal.validators.ValidatorRegistry;
import org.hypertensor.ledger.internal.validators.ValidatorsModule;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StateImport;
import org.hypertensor.store.api.StateOverlay;
import org.hypertensor.store.api.StateReader;
import org.hypertensor.store.api.StoreException;
import org.hypertensor.store.api.TxLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's chain: the store, the executive for the current module set, the pool, and block
 * production and import. Blocks are produced and imported one at a time; each is committed to the store
 * in one database transaction. While the module set is incomplete, production and import are refused
 * with the reason ({@link #pausedReason()}).
 */
public final class Chain implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Chain.class);
    private static final byte[] SPEC_HASH_KEY = StateKeys.key(StateKeys.SYSTEM, "spec");
    private static final byte[] CHAIN_ID_KEY = StateKeys.key(StateKeys.SYSTEM, "chain");
    /** How far ahead of this node's clock a block's timestamp may be. */
    public static final long MAX_FUTURE_MS = 15_000;

    private static final int MAX_CANDIDATES = 16;

    private final ChainSpec spec;
    private final byte[] specHash;
    private final ChainStore store;
    private final TransactionPool pool;
    private final List<HeadListener> listeners = new CopyOnWriteArrayList<>();
    private final List<BlockTimingListener> timingListeners = new CopyOnWriteArrayList<>();
    private final List<PoolListener> poolListeners = new CopyOnWriteArrayList<>();
    private final Map<ByteBuffer, Candidate> candidates = new HashMap<>();
    private final VerifiedSignatures verified;
    private final Clock clock;
    private volatile Finality finality = Finality.SINGLE_AUTHORITY;
    private volatile byte[] headCertificate;
    private volatile HeadCertificateFile headCertificateFile;
    private volatile Executive executive;
    private volatile String paused = "runtime modules not resolved yet";
    private volatile byte[] genesisHash;
    private volatile Path genesisFile;

    public Chain(ChainSpec spec, byte[] specHash, ChainStore store, TransactionPool pool) {
        this(spec, specHash, store, pool, Clock.systemUTC(), 200_000);
    }

    /**
     * @param clock read only to refuse blocks stamped too far in the future
     * @param verifiedCapacity how many pool-verified transaction hashes to remember (0: verify all at import)
     */
    public Chain(
            ChainSpec spec,
            byte[] specHash,
            ChainStore store,
            TransactionPool pool,
            Clock clock,
            int verifiedCapacity) {
        this.clock = clock;
        this.verified = new VerifiedSignatures(verifiedCapacity);
        this.spec = spec;
        this.specHash = specHash.clone();
        this.store = store;
        this.pool = pool;
    }

    public ChainSpec spec() {
        return spec;
    }

    /** Installs the module set (or the reason there is none: blocks pause until one is installed). */
    public synchronized void setModules(ModuleSet.Resolution resolution) {
        if (resolution.modules() == null) {
            executive = null;
            paused = resolution.problem();
        } else {
            executive = new Executive(resolution.modules());
            paused = null;
        }
    }

    /** {@code null} while blocks are processed; otherwise why not. */
    public String pausedReason() {
        return paused;
    }

    /**
     * Builds genesis into an empty store, or checks that the stored chain is this spec's. A chain started by
     * state sync has no block 0: its genesis hash is the one {@link #keepGenesisHash} recorded at the import.
     */
    public synchronized void open() throws ChainException {
        Optional<BlockRecord> genesis = store.blockByNumber(0);
        if (store.head().isPresent()) {
            byte[] stored = store.state().get(SPEC_HASH_KEY);
            if (!Arrays.equals(stored, specHash)) {
                throw new ChainException(
                        "the database holds another chain (its genesis was built from a different chain spec)");
            }
            if (genesis.isPresent()) {
                genesisHash = genesis.get().hash();
            } else {
                genesisHash = readGenesisHash();
            }
            // Every committed block is final; a kill between the commit and its finality mark leaves the
            // mark one behind: set it again.
            long head = store.head().orElseThrow().number();
            if (store.finalizedHead().map(BlockRecord::number).orElse(0L) < head) {
                try {
                    store.finalize(head);
                } catch (StoreException e) {
                    throw new ChainException("could not mark block " + head + " final: " + e.getMessage(), e);
                }
            }
            return;
        }
        StateOverlay overlay = store.overlay();
        Block block = genesisBlock(overlay);
        commit(overlay, block, List.of());
        genesisHash = block.header().hash();
        LOG.info("Genesis {} built for chain {}", hex(genesisHash), spec.id());
    }

    /** Genesis as this spec builds it, written into {@code overlay} (on an empty store). */
    private Block genesisBlock(StateOverlay overlay) throws ChainException {
        Executive exec = requireExecutive();
        overlay.put(SPEC_HASH_KEY, specHash);
        overlay.put(CHAIN_ID_KEY, spec.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            exec.genesis(overlay, spec);
        } catch (org.hypertensor.ledger.api.runtime.ModuleError e) {
            // E.g. a validator's bond above its genesis balance: the spec is at fault, say what.
            throw new ChainException("the chain spec's genesis cannot be built: " + e.getMessage(), e);
        }
        Header header = new Header(
                new byte[32],
                0,
                spec.genesisTimestamp(),
                overlay.root(),
                TransactionsRoot.of(List.of()),
                new byte[32],
                new byte[0]);
        return new Block(header, List.of(), new byte[64]);
    }

    /** Whether the store holds nothing yet: neither genesis nor an imported state. */
    public boolean empty() {
        return store.head().isEmpty();
    }

    /**
     * Where a chain started by state sync keeps its genesis hash (it has no block 0); set before
     * {@link #open}.
     */
    public synchronized void keepGenesisHash(Path file) {
        genesisFile = file;
    }

    private byte[] readGenesisHash() throws ChainException {
        Path file = genesisFile;
        try {
            byte[] hash = file == null ? new byte[0] : java.nio.file.Files.readAllBytes(file);
            if (hash.length != 32) {
                throw new ChainException("the chain was started by state sync but " + file
                        + " does not hold its genesis hash: delete the chain's data and sync again");
            }
            return hash;
        } catch (IOException e) {
            throw new ChainException(
                    "the chain was started by state sync but its genesis hash is not readable (" + e.getMessage()
                            + "): delete the chain's data and sync again",
                    e);
        }
    }

    /** State sync, on an empty store: the genesis hash this spec gives (computed, nothing stored). */
    public synchronized byte[] computeGenesisHash() throws ChainException {
        if (!empty()) {
            return genesisHash();
        }
        return genesisBlock(store.overlay()).header().hash();
    }

    /**
     * State sync: checks a finalized block a peer served as the block to start from: its certificate must
     * verify against the chain spec's validator set (the set this node trusts before it has any state).
     */
    public BlockInfo trustedStart(Block block, byte[] certificate) throws ChainException {
        Header header = block.header();
        if (header.number() < 1) {
            throw ChainException.invalid("state sync starts from a block above genesis");
        }
        try {
            finality.rule().verify(spec.id(), header.number(), header.hash(), certificate, spec.validatorSet());
        } catch (ConsensusException e) {
            throw new ChainException(
                    "block " + header.number() + " is not finalized by the chain spec's validators: " + e.getMessage(),
                    e.invalidBlock(),
                    e);
        }
        BlockRecord record = record(block, List.of());
        return info(record, true);
    }

    /**
     * State sync: starts writing the state after {@code block} (checked by {@link #trustedStart}) into the
     * empty store; the import's commit stores it as head and opens the chain at that block.
     */
    public synchronized StateImport importState(Block block, byte[] certificate) throws ChainException {
        BlockInfo start = trustedStart(block, certificate);
        byte[] genesis = computeGenesisHash();
        StateImport into;
        try {
            into = store.importState(record(block, List.of()), start.stateRoot());
        } catch (StoreException e) {
            throw new ChainException("cannot import a state: " + e.getMessage(), e);
        }
        return new StateImport() {
            @Override
            public void put(byte[] key, byte[] value) {
                into.put(key, value);
            }

            @Override
            public long keys() {
                return into.keys();
            }

            @Override
            public byte[] root() {
                return into.root();
            }

            @Override
            public void commit() throws StoreException {
                synchronized (Chain.this) {
                    writeGenesisHash(genesis);
                    long keys = into.keys();
                    into.commit();
                    headCertificate = certificate.clone();
                    persistHeadCertificate();
                    try {
                        open();
                    } catch (ChainException e) {
                        throw new StoreException("imported state not usable: " + e.getMessage(), e);
                    }
                    LOG.info("Chain {} started from the state at block #{} ({} keys)", spec.id(), start.number(), keys);
                }
            }

            @Override
            public void close() {
                into.close();
            }
        };
    }

    private void writeGenesisHash(byte[] genesis) throws StoreException {
        Path file = genesisFile;
        if (file == null) {
            throw new StoreException("no file to keep the genesis hash in (keepGenesisHash not called)");
        }
        try {
            org.hypertensor.util.files.DurableFiles.replace(file, genesis, false);
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public byte[] genesisHash() {
        return genesisHash.clone();
    }

    /** Checks and pools a transaction. */
    public byte[] submit(SignedTransaction tx) throws TransactionRejected {
        if (tx.encodedLength() > SignedTransaction.MAX_ENCODED_BYTES) {
            throw new TransactionRejected(
                    Reason.TOO_LARGE,
                    "transaction of " + tx.encodedLength() + " bytes exceeds " + SignedTransaction.MAX_ENCODED_BYTES);
        }
        Executive exec = executive;
        if (exec == null) {
            throw new TransactionRejected(Reason.PAUSED, "the ledger is paused: " + paused);
        }
        if (!tx.verify(genesisHash)) {
            throw new TransactionRejected(
                    Reason.BAD_SIGNATURE,
                    "the signature does not match the sender (or the transaction was signed for another chain)");
        }
        StateReader state = store.state();
        try {
            exec.check(state, nextEnv(), tx, false);
        } catch (InvalidTransaction e) {
            throw e.toRejection();
        }
        TransactionPool.Admission admission = pool.add(tx, nonceAt(state, tx.sender()), exec.isDuty(tx.call()));
        verified.add(tx.hash());
        // Listeners (gossip) hear of ready transactions only: a future one is relayed once it becomes ready.
        for (SignedTransaction ready : admission.nowReady()) {
            for (PoolListener l : poolListeners) {
                try {
                    l.accepted(ready);
                } catch (RuntimeException e) {
                    LOG.warn("Pool listener {} failed: {}", l.getClass().getName(), e.toString());
                }
            }
        }
        return tx.hash();
    }

    /** Decodes then submits; bytes that are not a transaction are {@link Reason#MALFORMED}. */
    public byte[] submit(byte[] encoded) throws TransactionRejected {
        if (encoded.length > SignedTransaction.MAX_ENCODED_BYTES) {
            throw new TransactionRejected(
                    Reason.TOO_LARGE,
                    "transaction of " + encoded.length + " bytes exceeds " + SignedTransaction.MAX_ENCODED_BYTES);
        }
        SignedTransaction tx;
        try {
            tx = SignedTransaction.decode(encoded);
        } catch (DecodeException e) {
            throw new TransactionRejected(Reason.MALFORMED, "not a transaction: " + e.getMessage());
        }
        return submit(tx);
    }

    /**
     * Builds, seals and commits the next block from the pool, authored by {@code key}, final at once: the
     * single-authority path (its certificate is its seal).
     *
     * @param timestamp ms; raised to parent + 1 if not above it
     */
    public BlockInfo produce(Signer key, long timestamp) throws ChainException {
        synchronized (this) {
            Candidate c = propose(key, timestamp);
            return commit(c.hash(), c.block().seal());
        }
    }

    /**
     * Builds and seals the next block from the pool and executes it, without committing; it stays a
     * candidate until {@link #commit} or until another block is committed.
     *
     * @param timestamp ms; raised to parent + 1 if not above it
     */
    public synchronized Candidate propose(Signer key, long timestamp) throws ChainException {
        long started = System.nanoTime();
        Executive exec = requireExecutive();
        BlockRecord parent = store.head().orElseThrow();
        Header parentHeader = Header.decode(parent.header());
        long time = Math.max(timestamp, parentHeader.timestamp() + 1);
        BlockEnv env = new BlockEnv(parent.number() + 1, time, key.publicKey(), spec.dev());
        StateOverlay overlay = store.overlay();
        int max = maxBlockTransactions();
        StateReader head = store.state();
        List<SignedTransaction> candidates = pool.ready(sender -> nonceAt(head, sender), max);
        Executive.BlockOutcome outcome;
        AccountPrefetch prefetch = AccountPrefetch.start(head, candidates);
        try {
            outcome = exec.execute(overlay, env, candidates, Executive.Mode.BUILD, max);
        } catch (InvalidTransaction e) {
            throw new IllegalStateException("a block being built cannot reject", e);
        } finally {
            prefetch.stop();
        }
        for (Executive.Rejected r : outcome.rejected()) {
            if (r.reason().reason() != Reason.FUTURE_NONCE) {
                pool.remove(r.transaction());
            }
        }
        List<byte[]> hashes =
                outcome.included().stream().map(SignedTransaction::hash).toList();
        Header header = new Header(
                parent.hash(),
                env.number(),
                time,
                overlay.root(),
                TransactionsRoot.of(hashes),
                key.publicKey(),
                parentCertificate(parent));
        Block block = new Block(header, outcome.included(), key.sign(header.hash()));
        timed(env.number(), BlockTimingListener.Origin.PRODUCED, started);
        return remember(new Candidate(block, overlay, outcome.receipts()));
    }

    /** Checks, executes and commits a single-authority block built elsewhere (its seal is its certificate). */
    public BlockInfo importBlock(Block block) throws ChainException {
        synchronized (this) {
            Candidate c = execute(block);
            return commit(c.hash(), block.seal());
        }
    }

    /**
     * Checks a block built elsewhere and executes it on the head, without committing: it must build on the
     * head, be after its parent and not more than {@value #MAX_FUTURE_MS} ms ahead of this node's clock,
     * be authored and sealed by a validator, carry a valid certificate of its parent, hold at most
     * MaxBlockTransactions transactions, all correctly signed (those this node's pool verified are not
     * verified again), and give the state root its header says.
     */
    public synchronized Candidate execute(Block block) throws ChainException {
        long started = System.nanoTime();
        Executive exec = requireExecutive();
        BlockRecord parent = store.head().orElseThrow();
        Header header = block.header();
        Header parentHeader = Header.decode(parent.header());
        if (!Arrays.equals(header.parentHash(), parent.hash()) || header.number() != parent.number() + 1) {
            throw new ChainException("block " + header.number() + " does not build on the head " + parent.number());
        }
        if (header.timestamp() <= parentHeader.timestamp()) {
            throw ChainException.invalid("block " + header.number() + " has a timestamp not after its parent's");
        }
        long ahead = header.timestamp() - clock.millis();
        if (ahead > MAX_FUTURE_MS) {
            throw new ChainException("block " + header.number() + " has a timestamp " + ahead
                    + " ms ahead of this node's clock (at most " + MAX_FUTURE_MS + " ms)");
        }
        if (!validators(header.number()).contains(header.author())) {
            throw ChainException.invalid("block " + header.number() + " is authored by a key that is not a validator");
        }
        byte[] headerHash = header.hash();
        if (!Ed25519.verify(header.author(), headerHash, block.seal())) {
            throw ChainException.invalid("block " + header.number() + " has an invalid seal");
        }
        if (parent.number() > 0) {
            verifyCertificate(parent.number(), parent.hash(), header.parentCertificate());
        } else if (header.parentCertificate().length != 0) {
            throw ChainException.invalid("block 1 carries a certificate for genesis, which needs none");
        }
        int max = maxBlockTransactions();
        if (block.transactions().size() > max) {
            throw ChainException.invalid("block " + header.number() + " holds "
                    + block.transactions().size() + " transactions, more than MaxBlockTransactions " + max);
        }
        List<byte[]> hashes =
                block.transactions().stream().map(SignedTransaction::hash).toList();
        if (!Arrays.equals(TransactionsRoot.of(hashes), header.transactionsRoot())) {
            throw ChainException.invalid("block " + header.number() + " has a wrong transactions root");
        }
        byte[] genesis = genesisHash;
        AccountPrefetch prefetch = AccountPrefetch.start(store.state(), block.transactions());
        try {
            List<SignedTransaction> unverified = new ArrayList<>();
            for (int i = 0; i < hashes.size(); i++) {
                if (!verified.contains(hashes.get(i))) {
                    unverified.add(block.transactions().get(i));
                }
            }
            boolean allSigned = unverified.parallelStream().allMatch(tx -> tx.verify(genesis));
            if (!allSigned) {
                throw ChainException.invalid(
                        "block " + header.number() + " contains a transaction with a bad signature");
            }
            StateOverlay overlay = store.overlay();
            BlockEnv env = new BlockEnv(header.number(), header.timestamp(), header.author(), spec.dev());
            Executive.BlockOutcome outcome;
            try {
                outcome = exec.execute(overlay, env, block.transactions(), Executive.Mode.IMPORT, max);
            } catch (InvalidTransaction e) {
                throw ChainException.invalid(
                        "block " + header.number() + " contains an invalid transaction: " + e.getMessage());
            }
            if (!Arrays.equals(overlay.root(), header.stateRoot())) {
                throw ChainException.invalid("block " + header.number() + " state root mismatch: the block says "
                        + hex(header.stateRoot()) + ", executing it gives " + hex(overlay.root()));
            }
            timed(header.number(), BlockTimingListener.Origin.IMPORTED, started);
            return remember(new Candidate(block, overlay, outcome.receipts()));
        } finally {
            prefetch.stop();
        }
    }

    /**
     * Commits the candidate {@code blockHash} as final with {@code certificate}, which the chain's
     * finality rule must accept.
     */
    public synchronized BlockInfo commit(byte[] blockHash, byte[] certificate) throws ChainException {
        BlockInfo info = commitCandidate(blockHash, certificate);
        persistHeadCertificate();
        return info;
    }

    private BlockInfo commitCandidate(byte[] blockHash, byte[] certificate) throws ChainException {
        Candidate c = candidates.get(ByteBuffer.wrap(blockHash));
        if (c == null) {
            throw new ChainException("no executed candidate block " + hex(blockHash) + " on the current head");
        }
        verifyCertificate(c.block().header().number(), blockHash, certificate);
        BlockInfo info = commit(c.overlay(), c.block(), c.receipts());
        headCertificate = certificate.clone();
        candidates.clear();
        for (SignedTransaction tx : c.block().transactions()) {
            verified.remove(tx.hash());
        }
        pool.prune(sender -> nonceAt(store.state(), sender));
        notifyHead(info);
        return info;
    }

    /** Sync: checks, executes and commits the next block as a peer served it, with its certificate. */
    public synchronized BlockInfo importFinalized(Block block, byte[] certificate) throws ChainException {
        Candidate c = execute(block);
        // Not written per synced block (two fsyncs each); close() writes the head's.
        return commitCandidate(c.hash(), certificate);
    }

    /**
     * Keeps the head's certificate in {@code file} (beside the database) from now on, and reads the one it
     * holds for the current head: a restarted BFT node serves its head at once.
     */
    public synchronized void keepHeadCertificate(Path file) {
        headCertificateFile = new HeadCertificateFile(file);
        if (store.head().isEmpty()) {
            return; // waiting for state sync: the import's commit writes it
        }
        BlockRecord head = store.head().orElseThrow();
        try {
            headCertificateFile.read(head.number(), head.hash()).ifPresent(c -> headCertificate = c);
        } catch (IOException e) {
            LOG.warn("Head certificate not read: {}", e.getMessage());
        }
    }

    private void persistHeadCertificate() {
        HeadCertificateFile file = headCertificateFile;
        byte[] cert = headCertificate;
        if (file == null || cert == null || finality.sealIsCertificate()) {
            return;
        }
        BlockRecord head = store.head().orElseThrow();
        try {
            file.write(head.number(), head.hash(), cert);
        } catch (IOException e) {
            LOG.warn("Head certificate of #{} not written: {}", head.number(), e.toString());
        }
    }

    /**
     * A committed block and its certificate: its child's header carries it; the head's is the one
     * committed with it (or, after a restart, what the finality rule can rebuild from the block).
     */
    public Optional<byte[]> certificate(long number) {
        long head = store.head().orElseThrow().number();
        if (number <= 0 || number > head) {
            return Optional.empty();
        }
        if (number < head) {
            return store.blockByNumber(number + 1)
                    .map(r -> Header.decode(r.header()).parentCertificate());
        }
        byte[] cert = headCertificate;
        if (cert == null) {
            cert = finality.certificateOfSealed(fullBlock(head).orElseThrow());
        }
        return Optional.ofNullable(cert);
    }

    /**
     * The validators that finalize block {@code height}: kept in chain state for the head and the next
     * height when the chain runs the validators module; otherwise the chain spec's for every height.
     *
     * @throws IllegalArgumentException for a height whose set the state no longer keeps
     */
    public ValidatorSet validators(long height) {
        return activeSet(height).validators();
    }

    /** The set of {@code height} with the height it took effect (see {@link #validators}). */
    public ActiveSet activeSet(long height) {
        if (height < 1) {
            throw new IllegalArgumentException("heights start at 1");
        }
        return new ValidatorRegistry(PrefixedStorage.readOnly(store.state(), ValidatorsModule.NAME))
                .active(height)
                .orElseGet(() -> new ActiveSet(height, 1, spec.validatorSet()));
    }

    /** The rule equivocation evidence is verified with, where the finality rule is one. */
    public Optional<EvidenceRule> evidenceRule() {
        return finality.evidenceRule();
    }

    /** The set sudo calls scheduled for the next epoch, if any. */
    public Optional<ValidatorSet> scheduledValidators() {
        return new ValidatorRegistry(PrefixedStorage.readOnly(store.state(), ValidatorsModule.NAME)).pending();
    }

    /** Whether this equivocation is on chain already (the pool's own reports check it first). */
    public boolean evidenceReported(Equivocation e) {
        return new ValidatorRegistry(PrefixedStorage.readOnly(store.state(), ValidatorsModule.NAME)).reported(e);
    }

    /** The rule certificates are checked with (the single authority's unless an engine supplies one). */
    public void setFinality(Finality finality) {
        this.finality = finality;
    }

    public String finalityName() {
        return finality.rule().name();
    }

    private void verifyCertificate(long number, byte[] hash, byte[] certificate) throws ChainException {
        try {
            finality.rule().verify(spec.id(), number, hash, certificate, validators(number));
        } catch (ConsensusException e) {
            throw new ChainException(e.getMessage(), e.invalidBlock(), e);
        }
    }

    private Candidate remember(Candidate c) {
        // Candidates build on the head; a handful per height (a round's proposals) is plenty.
        if (candidates.size() >= MAX_CANDIDATES) {
            candidates.clear();
        }
        candidates.put(ByteBuffer.wrap(c.hash()), c);
        return c;
    }

    /** The most transactions a block takes: MaxBlockTransactions at the head, capped by the block format. */
    public int maxBlockTransactions() {
        return (int) new SystemState(readOnlySystem(store.state()))
                .parameter(LedgerParameters.MAX_BLOCK_TRANSACTIONS)
                .min(BigInteger.valueOf(Block.MAX_TRANSACTIONS))
                .longValue();
    }

    private byte[] parentCertificate(BlockRecord parent) {
        if (parent.number() == 0) {
            return new byte[0];
        }
        return certificate(parent.number()).orElse(new byte[0]);
    }

    /** A block executed on the head, not committed: what {@link #commit} writes. */
    public record Candidate(Block block, StateOverlay overlay, List<Receipt> receipts) {
        public byte[] hash() {
            return block.header().hash();
        }
    }

    /**
     * The stored block at {@code number} in full (for peers syncing, the benchmark's re-import); empty when its
     * body is pruned.
     */
    public Optional<Block> fullBlock(long number) {
        return store.blockByNumber(number)
                .filter(r -> r.number() >= store.bodiesFrom())
                .map(r -> Block.decode(r.header(), r.body()));
    }

    /** The lowest block whose body the store keeps ({@code blocks.keep}, or where a state-synced chain began). */
    public long bodiesFrom() {
        return store.bodiesFrom();
    }

    /** The store's {@code blocks.keep} (0: every body). */
    public long blocksKeep() {
        return store.blocksKeep();
    }

    public BlockInfo head() {
        return info(store.head().orElseThrow(), true);
    }

    public BlockInfo finalizedHead() {
        return info(store.finalizedHead().orElseGet(() -> store.blockByNumber(0).orElseThrow()), true);
    }

    public Optional<BlockInfo> block(long number) {
        long finalized = store.finalizedHead().map(BlockRecord::number).orElse(0L);
        return store.blockByNumber(number).map(r -> info(r, r.number() <= finalized));
    }

    public Optional<BlockInfo> block(byte[] hash) {
        long finalized = store.finalizedHead().map(BlockRecord::number).orElse(0L);
        return store.blockByHash(hash).map(r -> info(r, r.number() <= finalized));
    }

    public Optional<TransactionInfo> transaction(byte[] hash) {
        Optional<TxLocation> location = store.transaction(hash);
        if (location.isEmpty()) {
            return Optional.empty();
        }
        TxLocation at = location.get();
        BlockRecord record = store.blockByNumber(at.blockNumber()).orElseThrow();
        if (record.number() < store.bodiesFrom()) {
            return Optional.empty(); // pruned since its index row was read
        }
        Block block = Block.decode(record.header(), record.body());
        Receipt receipt = ReceiptCodec.decode(record.receipts()).get(at.index());
        return Optional.of(new TransactionInfo(
                hash.clone(),
                at.blockNumber(),
                record.hash(),
                at.index(),
                block.transactions().get(at.index()),
                receipt));
    }

    public AccountInfo account(byte[] account) {
        StateReader state = store.state();
        ExecutionContext ctx = queryContext(state);
        long nonce = ctx.system().nonce(account);
        return new AccountInfo(
                account.clone(),
                ctx.balances().free(account),
                ctx.balances().reserved(account),
                nonce,
                pool.nextNonce(account, nonce));
    }

    public Supply supply() {
        ExecutionContext ctx = queryContext(store.state());
        SystemState.Issuance i = ctx.system().issuance();
        return new Supply(
                i.total(), i.genesis(), i.minted(), i.burned(), ctx.balances().vault());
    }

    public List<PoolEntry> pool() {
        StateReader head = store.state();
        return pool.ready(sender -> nonceAt(head, sender), Integer.MAX_VALUE).stream()
                .map(Chain::poolEntry)
                .toList();
    }

    /** Up to {@code max} ready transactions, in the order they would be included (for peers that ask). */
    public List<SignedTransaction> readyTransactions(int max) {
        StateReader head = store.state();
        return pool.ready(sender -> nonceAt(head, sender), max);
    }

    /** Whether a block built now would carry a transaction (looks no further than the first ready one). */
    public boolean hasReadyTransactions() {
        StateReader head = store.state();
        return !pool.ready(sender -> nonceAt(head, sender), 1).isEmpty();
    }

    /** Pooled transactions waiting for an earlier nonce (never in a block until it comes), oldest first. */
    public List<PoolEntry> futurePool() {
        return pool.future().stream().map(Chain::poolEntry).toList();
    }

    private static PoolEntry poolEntry(SignedTransaction tx) {
        return new PoolEntry(
                tx.hash(), tx.sender(), tx.nonce(), tx.tip(), tx.call().qualifiedName(), tx.encodedLength());
    }

    public int poolSize() {
        return pool.size();
    }

    public <T> T query(Function<RuntimeContext, T> reader) {
        return reader.apply(queryContext(store.state()));
    }

    /** Σ free + Σ reserved + vault, and the issuance counters, at head (the invariant tests check they agree). */
    public Invariants invariants() {
        ExecutionContext ctx = queryContext(store.state());
        BalancesState balances = ctx.ledgerBalances();
        return new Invariants(
                balances.sumOfAllBalances(), ctx.system().issuance().total());
    }

    public StateReader state() {
        return store.state();
    }

    /** The committed state after block {@code number}, if the store still keeps it (state sync serves it). */
    public Optional<StateReader> stateAt(long number) {
        return store.stateAt(number);
    }

    public void addListener(HeadListener listener) {
        listeners.add(listener);
    }

    public void removeListener(HeadListener listener) {
        listeners.remove(listener);
    }

    public void addTimingListener(BlockTimingListener listener) {
        timingListeners.add(listener);
    }

    public void removeTimingListener(BlockTimingListener listener) {
        timingListeners.remove(listener);
    }

    public void addPoolListener(PoolListener listener) {
        poolListeners.add(listener);
    }

    public void removePoolListener(PoolListener listener) {
        poolListeners.remove(listener);
    }

    @Override
    public void close() {
        synchronized (this) {
            persistHeadCertificate();
        }
        store.close();
    }

    private BlockInfo commit(StateOverlay overlay, Block block, List<Receipt> receipts) throws ChainException {
        Header header = block.header();
        BlockRecord record = record(block, receipts);
        try {
            store.commit(overlay, record);
            // Only final blocks are committed (with their certificate), so every committed block is final.
            store.finalize(header.number());
        } catch (StoreException e) {
            throw new ChainException("could not store block " + header.number() + ": " + e.getMessage(), e);
        }
        return info(record, true);
    }

    private void timed(long number, BlockTimingListener.Origin origin, long startedNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        for (BlockTimingListener l : timingListeners) {
            try {
                l.executed(number, origin, took);
            } catch (RuntimeException e) {
                LOG.warn("Block timing listener {} failed: {}", l.getClass().getName(), e.toString());
            }
        }
    }

    private static BlockRecord record(Block block, List<Receipt> receipts) {
        Header header = block.header();
        List<byte[]> txHashes =
                block.transactions().stream().map(SignedTransaction::hash).toList();
        return new BlockRecord(
                header.number(),
                header.hash(),
                header.parentHash(),
                header.encode(),
                block.encodeBody(),
                txHashes,
                ReceiptCodec.encode(receipts));
    }

    private void notifyHead(BlockInfo info) {
        for (HeadListener l : listeners) {
            try {
                l.newHead(info);
                l.finalized(info);
            } catch (RuntimeException e) {
                LOG.warn("Head listener {} failed: {}", l.getClass().getName(), e.toString());
            }
        }
    }

    private BlockEnv nextEnv() {
        BlockRecord head = store.head().orElseThrow();
        Header h = Header.decode(head.header());
        return new BlockEnv(head.number() + 1, h.timestamp() + 1, h.author(), spec.dev());
    }

    private ExecutionContext queryContext(StateReader state) {
        Executive exec = executive;
        BlockRecord head = store.head().orElseThrow();
        Header h = Header.decode(head.header());
        BlockEnv env = new BlockEnv(head.number(), h.timestamp(), h.author(), spec.dev());
        if (exec == null) {
            exec = new Executive(
                    ModuleSet.resolve(List.of(), java.util.Map.of()).modules());
        }
        return exec.queryContext(state, env, "system");
    }

    private static long nonceAt(StateReader state, byte[] account) {
        return new SystemState(readOnlySystem(state)).nonce(account);
    }

    private static org.hypertensor.ledger.api.runtime.ModuleStorage readOnlySystem(StateReader state) {
        return org.hypertensor.ledger.internal.state.PrefixedStorage.readOnly(state, StateKeys.SYSTEM);
    }

    private Executive requireExecutive() throws ChainException {
        Executive exec = executive;
        if (exec == null) {
            throw new ChainException("block processing is paused: " + paused);
        }
        return exec;
    }

    static String hex(byte[] bytes) {
        return "0x" + java.util.HexFormat.of().formatHex(bytes);
    }

    private BlockInfo info(BlockRecord r, boolean finalized) {
        Header h = Header.decode(r.header());
        return new BlockInfo(
                r.number(),
                r.hash(),
                h.parentHash(),
                h.timestamp(),
                h.stateRoot(),
                h.transactionsRoot(),
                h.author(),
                r.txHashes(),
                finalized);
    }

    /** What the issuance invariant compares. */
    public record Invariants(BigInteger sumOfBalances, BigInteger totalIssuance) {
        public boolean hold() {
            return sumOfBalances.equals(totalIssuance);
        }
    }
}

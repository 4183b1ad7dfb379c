package org.hypertensor.ledger.internal.chain;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.AccountInfo;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.Supply;
import org.hypertensor.ledger.api.TransactionInfo;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.runtime.RuntimeContext;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.exec.ModuleSet;
import org.hypertensor.ledger.internal.modules.BalancesModule;
import org.hypertensor.ledger.internal.modules.SubsidyModule;
import org.hypertensor.ledger.internal.modules.SudoModule;
import org.hypertensor.ledger.internal.pool.TransactionPool;
import org.hypertensor.ledger.internal.spec.ChainSpec;
import org.hypertensor.ledger.internal.spec.ChainSpecException;
import org.hypertensor.ledger.internal.spec.ChainSpecParser;
import org.hypertensor.ledger.internal.spec.SpecHash;
import org.hypertensor.ledger.internal.validators.ValidatorsModule;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.ChainStoreFactory;
import org.hypertensor.store.api.StoreException;

/**
 * A real chain (executive, pool, Derby store) driven by hand, outside OSGi: for module scenario tests,
 * the crash test and benchmarks. Blocks are produced on demand, each {@code BlockTimeMs} after its
 * parent, authored by the given validator key.
 *
 * <pre>{@code
 * try (LocalChain chain = LocalChain.builder().spec(json).modules(new StakingModule()).directory(tmp).open()) {
 *     chain.submit(DevKeys.derive("//Bob"), call);
 *     chain.produceBlocks(10);
 *     chain.assertInvariants();
 * }
 * }</pre>
 */
public final class LocalChain implements AutoCloseable {

    private static final String DEFAULT_STORE = "org.hypertensor.store.internal.DerbyChainStoreFactory";

    private final Chain chain;
    private final Ed25519KeyPair author;

    private LocalChain(Chain chain, Ed25519KeyPair author) {
        this.chain = chain;
        this.author = author;
    }

    /**
     * A benchmark's chain spec: balances and subsidy, {@code maxBlockTransactions}, the given validators
     * (dev URIs), and each key funded with 1000 TENSOR at genesis.
     */
    public static String benchSpec(
            String id, int maxBlockTransactions, List<String> validators, List<Ed25519KeyPair> funded) {
        StringBuilder accounts = new StringBuilder();
        for (Ed25519KeyPair k : funded) {
            if (accounts.length() > 0) {
                accounts.append(',');
            }
            accounts.append("{\"account\":\"0x")
                    .append(java.util.HexFormat.of().formatHex(k.publicKey()))
                    .append("\",\"free\":\"1000 TENSOR\"}");
        }
        String vs =
                String.join(",", validators.stream().map(v -> "\"" + v + "\"").toList());
        return "{\"name\":\"" + id + "\",\"id\":\"" + id + "\",\"dev\":true,\"blockTimeMs\":1000,"
                + "\"modules\":[{\"name\":\"balances\",\"version\":1},{\"name\":\"subsidy\",\"version\":1}],"
                + "\"parameters\":{\"MaxBlockTransactions\":" + maxBlockTransactions + "},"
                + "\"validators\":[" + vs + "],"
                + "\"genesis\":{\"balances\":{\"accounts\":[" + accounts + "]}}}";
    }

    public static Builder builder() {
        return new Builder();
    }

    public Chain chain() {
        return chain;
    }

    public byte[] genesisHash() {
        return chain.genesisHash();
    }

    /** Pools a signed transaction. */
    public byte[] submit(SignedTransaction tx) throws TransactionRejected {
        return chain.submit(tx);
    }

    /** Signs {@code call} from {@code key} with its next nonce (counting the pool) and no tip, and pools it. */
    public byte[] submit(Ed25519KeyPair key, Call call) throws TransactionRejected {
        long nonce = chain.account(key.publicKey()).nextNonce();
        return chain.submit(SignedTransaction.sign(key, chain.genesisHash(), nonce, BigInteger.ZERO, call));
    }

    public BlockInfo produceBlock() {
        try {
            return chain.produce(author, chain.head().timestamp() + chain.spec().blockTimeMs());
        } catch (ChainException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Produces {@code count} blocks; returns the last. */
    public BlockInfo produceBlocks(int count) {
        BlockInfo last = chain.head();
        for (int i = 0; i < count; i++) {
            last = produceBlock();
        }
        return last;
    }

    /** The receipt of an included transaction. */
    public Receipt receipt(byte[] txHash) {
        return chain.transaction(txHash)
                .map(TransactionInfo::receipt)
                .orElseThrow(() -> new IllegalStateException("transaction not included"));
    }

    public <T> T query(Function<RuntimeContext, T> reader) {
        return chain.query(reader);
    }

    public AccountInfo account(byte[] account) {
        return chain.account(account);
    }

    public Supply supply() {
        return chain.supply();
    }

    public BlockInfo head() {
        return chain.head();
    }

    /** Fails when Σ balances (free + reserved + vault) differs from genesis + minted − burned. */
    public void assertInvariants() {
        Chain.Invariants i = chain.invariants();
        if (!i.hold()) {
            throw new IllegalStateException(
                    "issuance invariant broken at block " + chain.head().number() + ": balances sum to "
                            + i.sumOfBalances() + ", issuance is " + i.totalIssuance());
        }
    }

    @Override
    public void close() {
        chain.close();
    }

    /** Configures a {@link LocalChain}. */
    public static final class Builder {
        private String specJson;
        private final List<RuntimeModule> modules = new ArrayList<>();
        private Path directory;
        private ChainStoreFactory storeFactory;
        private Ed25519KeyPair author;
        private int poolSize = 100_000;
        private int perSender = 4096;
        private java.time.Clock clock = java.time.Clock.systemUTC();
        private boolean stateSync;
        private UnaryOperator<ChainSpec> adjustSpec = UnaryOperator.identity();

        public Builder spec(String json) {
            this.specJson = json;
            return this;
        }

        /** Modules besides the ledger's own (balances, subsidy, sudo are always there). */
        public Builder modules(RuntimeModule... extra) {
            modules.addAll(List.of(extra));
            return this;
        }

        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        /** The store; by default the Derby store found on the class path. */
        public Builder storeFactory(ChainStoreFactory factory) {
            this.storeFactory = factory;
            return this;
        }

        /** The validator key that authors blocks; by default {@code //Alice} (dev chains). */
        public Builder author(Ed25519KeyPair key) {
            this.author = key;
            return this;
        }

        /** The clock imported blocks' timestamps are checked against (not more than 15 s ahead of it). */
        public Builder clock(java.time.Clock c) {
            this.clock = c;
            return this;
        }

        /**
         * Joins by state sync: an empty store stays empty (no genesis) until a state is imported through
         * {@code chain().importState}, which opens the chain at that block.
         */
        public Builder stateSync() {
            this.stateSync = true;
            return this;
        }

        public Builder poolLimits(int size, int perSenderLimit) {
            this.poolSize = size;
            this.perSender = perSenderLimit;
            return this;
        }

        /**
         * Adjusts the parsed spec before genesis (benchmarks: a genesis with more accounts than a JSON text
         * could hold). The spec hash stays the JSON's.
         */
        public Builder adjustSpec(UnaryOperator<ChainSpec> adjust) {
            this.adjustSpec = adjust;
            return this;
        }

        public LocalChain open() throws ChainSpecException, StoreException, ChainException {
            ChainSpec spec = adjustSpec.apply(new ChainSpecParser().parse(specJson));
            ChainStore store = (storeFactory != null ? storeFactory : defaultStore()).open(directory);
            Chain chain = new Chain(
                    spec, SpecHash.of(specJson), store, new TransactionPool(poolSize, perSender), clock, 200_000);
            Map<String, List<RuntimeModule>> available = new TreeMap<>();
            List<RuntimeModule> all = new ArrayList<>(List.of(
                    new BalancesModule(),
                    new SubsidyModule(),
                    new SudoModule(),
                    new ValidatorsModule(spec.validatorSet(), chain::evidenceRule)));
            all.addAll(modules);
            for (RuntimeModule m : all) {
                available.computeIfAbsent(m.name(), n -> new ArrayList<>()).add(m);
            }
            chain.setModules(ModuleSet.resolve(spec.modules(), available));
            try {
                chain.keepGenesisHash(directory.resolveSibling(directory.getFileName() + ".genesis-hash"));
                if (!stateSync || !chain.empty()) {
                    chain.open();
                }
                chain.keepHeadCertificate(directory.resolveSibling(directory.getFileName() + ".head-certificate"));
            } catch (ChainException e) {
                chain.close();
                throw e;
            }
            Ed25519KeyPair key = author != null ? author : DevKeys.derive("//Alice");
            return new LocalChain(chain, key);
        }

        private static ChainStoreFactory defaultStore() {
            try {
                return (ChainStoreFactory)
                        Class.forName(DEFAULT_STORE).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("no chain store on the class path (" + DEFAULT_STORE + ")", e);
            }
        }
    }
}

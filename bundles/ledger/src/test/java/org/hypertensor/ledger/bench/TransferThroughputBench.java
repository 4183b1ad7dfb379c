package org.hypertensor.ledger.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.ledger.api.Amounts;
import org.hypertensor.ledger.api.BlockTimingListener;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.block.Block;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.modules.BalancesModule;
import org.hypertensor.ledger.internal.spec.ChainSpec;
import org.hypertensor.store.api.ChainStoreFactory;

/**
 * Transfers per second imported and persisted, next to the machine's Ed25519 verification limit.
 * A producer chain builds {@code blocks} blocks of {@code perBlock} transfers from its funded accounts (at
 * most {@value #FUNDED}, funded at genesis) to random accounts among all {@code accounts}; a second node at the
 * same head then imports them — checking every signature (in parallel),
 * executing, computing the state root and committing each block to Derby — and that import is timed.
 * A third node first receives the transactions into its pool (as gossip delivers them, verifying each
 * once), then imports the same blocks: its import skips the signatures its pool verified (the
 * verified-signature cache), which is how a validator or follower that hears the gossip imports.
 *
 * <p>State size: with more {@code accounts} than {@value #FUNDED}, genesis also endows the others (32-byte
 * accounts derived from their index, generated while genesis is built, not written into the spec's JSON).
 * Genesis is built once into a base database ({@code baseDir}, kept and reused by later runs with the same
 * arguments), which is copied for each node (the producer first; each follower's copy is made right before its
 * import and deleted after it, so that at 10⁷ accounts no more than two databases compete for the page cache): the
 * measured transfers read and write accounts spread
 * over all of the state, most of it not in the store's cache.
 *
 * <p>Run: {@code bundles/ledger/bench/transfers.sh [accounts] [perBlock] [blocks] [baseDir]}.
 */
public final class TransferThroughputBench {
    private static final int FUNDED = 20_000;
    /** The Derby store, on the class path (as {@code LocalChain} finds it), opened here so its figures can be read. */
    private static final String DERBY_STORE = "org.hypertensor.store.internal.DerbyChainStoreFactory";

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int funded = Math.min(accounts, Math.max(FUNDED, perBlock));
        int cores = Runtime.getRuntime().availableProcessors();
        if (perBlock > funded) {
            throw new IllegalArgumentException("perBlock must not exceed accounts (one transfer per sender per block)");
        }
        System.out.printf(
                "accounts %,d (%,d funded at genesis), %d transfers per block, %d blocks, %d cores%n",
                accounts, funded, perBlock, blocks, cores);

        List<Ed25519KeyPair> keys = IntStream.range(0, funded)
                .parallel()
                .mapToObj(i -> Ed25519KeyPair.fromSeed(
                        Hashes.blake2b256(("bench-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .toList();
        String spec = spec(keys);
        UnaryOperator<ChainSpec> endow = accounts > funded ? withFilled(accounts - funded) : UnaryOperator.identity();
        Path base = args.length > 3 ? Path.of(args[3]) : null;
        Path work = base != null
                ? Files.createTempDirectory(base.toAbsolutePath().getParent(), "ledger-bench-")
                : Files.createTempDirectory("ledger-bench-");
        if (base == null) {
            base = work.resolve("base");
        }
        if (!Files.exists(base)) {
            long t0 = System.nanoTime();
            try (LocalChain genesis = LocalChain.builder()
                    .spec(spec)
                    .adjustSpec(endow)
                    .directory(base)
                    .open()) {
                System.out.printf(
                        "genesis with %,d accounts built in %d s (head #%d)%n",
                        accounts,
                        (System.nanoTime() - t0) / 1_000_000_000,
                        genesis.head().number());
            }
        }
        try {
            long[] nonces = new long[funded];
            List<Block> built = new ArrayList<>();
            List<SignedTransaction> submitted = new ArrayList<>();
            byte[] genesisHash;
            copy(base, work.resolve("producer"));
            try (LocalChain producer = LocalChain.builder()
                    .spec(spec)
                    .adjustSpec(endow)
                    .directory(work.resolve("producer"))
                    .poolLimits(perBlock * 2, 16)
                    .open()) {
                genesisHash = producer.genesisHash();
                for (int b = 0; b < blocks; b++) {
                    int offset = b;
                    List<SignedTransaction> txs = IntStream.range(0, perBlock)
                            .parallel()
                            .mapToObj(i -> {
                                int from = (i + offset * perBlock) % funded;
                                long pick = new SplittableRandom((long) offset * perBlock + i).nextLong(accounts - 1);
                                long to = pick >= from ? pick + 1 : pick; // any account but the sender
                                return transfer(keys.get(from), nonces[from], account(keys, to), 1000 + i, producer);
                            })
                            .toList();
                    for (SignedTransaction tx : txs) {
                        producer.submit(tx);
                    }
                    submitted.addAll(txs);
                    long tb = System.nanoTime();
                    var info = producer.produceBlock();
                    System.out.printf(
                            "built #%d: %d transfers in %.0f ms%n",
                            info.number(), info.transactions().size(), (System.nanoTime() - tb) / 1e6);
                    for (int i = 0; i < perBlock; i++) {
                        nonces[(i + offset * perBlock) % funded]++;
                    }
                    built.add(producer.chain().fullBlock(info.number()).orElseThrow());
                }
            }
            delete(work.resolve("producer"));
            // Import: everything a following node does per block, timed as a whole; each node on its own copy of the
            // genesis database, made just before and deleted after, so at most two databases share the page cache.
            Follower follower = new Follower(spec, endow, base, work, built);
            double tps = follower.time("import, every signature verified", List.of(), 0);
            double cachedTps = follower.time("import, pool-verified signatures skipped", submitted, blocks + 1);

            double verifies = verifyLimit(built.get(0).transactions(), genesisHash);
            System.out.printf("Ed25519 verification limit, all %d cores: %.0f verifies/s%n", cores, verifies);
            System.out.printf("ratio import / verification limit, without the cache: %.2f%n", tps / verifies);
            System.out.printf("ratio import / verification limit, with the cache: %.2f%n", cachedTps / verifies);
            System.out.printf("state: %,d keys%n", follower.stateKeys);
        } finally {
            delete(work); // the copies (and the base, unless it was given)
        }
    }

    /** Genesis endows {@code count} more accounts, each derived from its index, 1000 TENSOR each. */
    private static UnaryOperator<ChainSpec> withFilled(int count) {
        return spec -> {
            Map<String, Map<String, Object>> genesis = new TreeMap<>(spec.genesis());
            Map<String, Object> balances = new TreeMap<>(genesis.get("balances"));
            List<?> listed = (List<?>) balances.get("accounts");
            BigInteger free = Amounts.parse("1000 TENSOR");
            HexFormat hex = HexFormat.of();
            balances.put("accounts", new AbstractList<Object>() {
                @Override
                public Object get(int i) {
                    return i < listed.size()
                            ? listed.get(i)
                            : Map.of("account", "0x" + hex.formatHex(filler(i - listed.size())), "free", free);
                }

                @Override
                public int size() {
                    return listed.size() + count;
                }
            });
            genesis.put("balances", balances);
            return new ChainSpec(
                    spec.name(),
                    spec.id(),
                    spec.dev(),
                    spec.blockTimeMs(),
                    spec.genesisTimestamp(),
                    spec.modules(),
                    spec.parameters(),
                    spec.validatorSet(),
                    spec.sudo(),
                    genesis,
                    spec.bootNodes());
        };
    }

    private static SignedTransaction transfer(
            Ed25519KeyPair from, long nonce, byte[] to, long amount, LocalChain chain) {
        return SignedTransaction.sign(
                from,
                chain.genesisHash(),
                nonce,
                BigInteger.ZERO,
                new Call("balances", "transfer", BalancesModule.transferArgs(to, BigInteger.valueOf(amount))));
    }

    /** Account {@code index}: a funded key's, or a filled account's. */
    private static byte[] account(List<Ed25519KeyPair> keys, long index) {
        return index < keys.size() ? keys.get((int) index).publicKey() : filler(index - keys.size());
    }

    /** The {@code j}-th filled account: 32 bytes derived from j (nobody holds its key; it only receives). */
    private static byte[] filler(long j) {
        return Hashes.blake2b256(("fill-" + j).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                    try (FileChannel written = FileChannel.open(target, StandardOpenOption.WRITE)) {
                        written.force(true); // on disk before the timing: no write-back of the copy during it
                    }
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }

    /** A following node on a fresh copy of the genesis database, importing the built blocks. */
    private static final class Follower {
        private final String spec;
        private final UnaryOperator<ChainSpec> endow;
        private final Path base;
        private final Path work;
        private final List<Block> built;
        long stateKeys;

        Follower(String spec, UnaryOperator<ChainSpec> endow, Path base, Path work, List<Block> built) {
            this.spec = spec;
            this.endow = endow;
            this.base = base;
            this.work = work;
            this.built = built;
        }

        /**
         * Copies the genesis database, opens a node on it, puts {@code pooled} into its pool first (verifying each,
         * as gossip would; untimed; {@code futureNonces} of each sender), times the import, deletes the copy.
         */
        double time(String what, List<SignedTransaction> pooled, int futureNonces) throws Exception {
            Path dir = work.resolve("follower");
            copy(base, dir);
            try {
                ChainStoreFactory stores = (ChainStoreFactory)
                        Class.forName(DERBY_STORE).getDeclaredConstructor().newInstance();
                LocalChain.Builder builder = LocalChain.builder()
                        .spec(spec)
                        .adjustSpec(endow)
                        .directory(dir)
                        .storeFactory(stores);
                if (!pooled.isEmpty()) {
                    builder = builder.poolLimits(pooled.size() * 2, futureNonces);
                }
                try (LocalChain node = builder.open()) {
                    for (SignedTransaction tx : pooled) {
                        node.submit(tx);
                    }
                    double tps = timeImport(what, node, built, stores);
                    stateKeys = node.chain().state().size();
                    return tps;
                }
            } finally {
                delete(dir);
            }
        }
    }

    /**
     * Imports {@code built} into {@code node}, prints and returns transfers/s, with the time per block split into
     * checking and executing (the chain's block-timing listener) and the rest (committing). The time ends when the
     * last block's state rows are written (the store writes them behind its commits), so a short run does not leave
     * part of its work outside the figure.
     */
    private static double timeImport(String what, LocalChain node, List<Block> built, ChainStoreFactory stores)
            throws Exception {
        long transfers = 0;
        List<Double> perBlockMs = new ArrayList<>();
        long[] executeNanos = new long[1];
        BlockTimingListener timing = (number, origin, took) -> executeNanos[0] += took.toNanos();
        node.chain().addTimingListener(timing);
        long cpuAtStart = processCpuNanos();
        long start = System.nanoTime();
        for (Block block : built) {
            long t0 = System.nanoTime();
            node.chain().importBlock(block);
            perBlockMs.add((System.nanoTime() - t0) / 1e6);
            transfers += block.transactions().size();
        }
        long imported = System.nanoTime() - start;
        while (stores.stats().stream().anyMatch(s -> s.rowsBehind() > 0)) {
            if (System.nanoTime() - start > 600_000_000_000L) { // a failing row writer logs why and retries forever
                throw new IllegalStateException("the state rows were not written within 10 minutes");
            }
            Thread.sleep(1);
        }
        long elapsed = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpuAtStart;
        node.chain().removeTimingListener(timing);
        double seconds = elapsed / 1e9;
        node.assertInvariants();
        perBlockMs.sort(Comparator.naturalOrder());
        double tps = transfers / seconds;
        System.out.printf(
                "%s: %d transfers in %.2f s = %.0f transfers/s (block median %.0f ms; per block %.0f ms checking and"
                        + " executing, %.0f ms committing; the last rows written %.0f ms after the last commit)%n",
                what,
                transfers,
                seconds,
                tps,
                perBlockMs.get(perBlockMs.size() / 2),
                executeNanos[0] / 1e6 / built.size(),
                (imported - executeNanos[0]) / 1e6 / built.size(),
                (elapsed - imported) / 1e6);
        System.out.printf(
                "  process CPU %.2f s in %.2f s: %.2f cores busy on average (GC included)%n",
                cpu / 1e9, seconds, cpu / (double) elapsed);
        return tps;
    }

    /** CPU time of the whole process, every thread (GC and Derby's too), in ns. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Signatures verified per second on all cores, on the same transactions. */
    private static double verifyLimit(List<SignedTransaction> txs, byte[] genesis) {
        for (int warm = 0; warm < 2; warm++) {
            txs.parallelStream().forEach(tx -> tx.verify(genesis));
        }
        long t0 = System.nanoTime();
        int rounds = 3;
        for (int r = 0; r < rounds; r++) {
            if (!txs.parallelStream().allMatch(tx -> tx.verify(genesis))) {
                throw new IllegalStateException("a signature failed");
            }
        }
        return (double) rounds * txs.size() / ((System.nanoTime() - t0) / 1e9);
    }

    private static String spec(List<Ed25519KeyPair> keys) {
        return LocalChain.benchSpec("bench", 100_000, List.of("//Alice"), keys);
    }
}

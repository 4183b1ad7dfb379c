package org.hypertensor.ledger.bench;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.block.Block;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.modules.BalancesModule;

/**
 * Transfers per second imported and persisted, next to the machine's Ed25519 verification limit.
 * A producer chain builds {@code blocks} blocks of {@code perBlock} transfers between {@code accounts}
 * funded accounts; a second, fresh node then imports them — checking every signature (in parallel),
 * executing, computing the state root and committing each block to Derby — and that import is timed.
 * A third node first receives the transactions into its pool (as gossip delivers them, verifying each
 * once), then imports the same blocks: its import skips the signatures its pool verified (the
 * verified-signature cache), which is how a validator or follower that hears the gossip imports.
 *
 * <p>Run: {@code bundles/ledger/bench/transfers.sh [accounts] [perBlock] [blocks]}.
 */
public final class TransferThroughputBench {

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int blocks = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int cores = Runtime.getRuntime().availableProcessors();
        if (perBlock > accounts) {
            throw new IllegalArgumentException("perBlock must not exceed accounts (one transfer per sender per block)");
        }
        System.out.printf(
                "accounts %d, %d transfers per block, %d blocks, %d cores%n", accounts, perBlock, blocks, cores);

        List<Ed25519KeyPair> keys = IntStream.range(0, accounts)
                .parallel()
                .mapToObj(i -> Ed25519KeyPair.fromSeed(
                        Hashes.blake2b256(("bench-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .toList();
        String spec = spec(keys);
        Path work = Files.createTempDirectory("ledger-bench-");
        try (LocalChain producer = LocalChain.builder()
                        .spec(spec)
                        .directory(work.resolve("producer"))
                        .poolLimits(perBlock * 2, 16)
                        .open();
                LocalChain importer = LocalChain.builder()
                        .spec(spec)
                        .directory(work.resolve("importer"))
                        .open();
                LocalChain pooled = LocalChain.builder()
                        .spec(spec)
                        .directory(work.resolve("pooled"))
                        .poolLimits(perBlock * blocks * 2, blocks + 1)
                        .open()) {
            long[] nonces = new long[accounts];
            List<Block> built = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                int offset = b;
                List<SignedTransaction> txs = IntStream.range(0, perBlock)
                        .parallel()
                        .mapToObj(i -> {
                            int from = (i + offset * perBlock) % accounts;
                            int to = (from + 1) % accounts;
                            return SignedTransaction.sign(
                                    keys.get(from),
                                    producer.genesisHash(),
                                    nonces[from],
                                    BigInteger.ZERO,
                                    new Call(
                                            "balances",
                                            "transfer",
                                            BalancesModule.transferArgs(
                                                    keys.get(to).publicKey(), BigInteger.valueOf(1000 + i))));
                        })
                        .toList();
                for (SignedTransaction tx : txs) {
                    producer.submit(tx);
                    pooled.submit(tx);
                }
                long t0 = System.nanoTime();
                var info = producer.produceBlock();
                System.out.printf(
                        "built #%d: %d transfers in %.0f ms%n",
                        info.number(), info.transactions().size(), (System.nanoTime() - t0) / 1e6);
                for (int i = 0; i < perBlock; i++) {
                    nonces[(i + offset * perBlock) % accounts]++;
                }
                built.add(producer.chain().fullBlock(info.number()).orElseThrow());
            }
            // Import: everything a following node does per block, timed as a whole.
            double tps = timeImport("import, every signature verified", importer, built);
            double cachedTps = timeImport("import, pool-verified signatures skipped", pooled, built);

            double verifies = verifyLimit(built.get(0).transactions(), producer.genesisHash());
            System.out.printf("Ed25519 verification limit, all %d cores: %.0f verifies/s%n", cores, verifies);
            System.out.printf("ratio import / verification limit, without the cache: %.2f%n", tps / verifies);
            System.out.printf("ratio import / verification limit, with the cache: %.2f%n", cachedTps / verifies);
        }
    }

    /** Imports {@code built} into {@code node}, prints and returns transfers/s. */
    private static double timeImport(String what, LocalChain node, List<Block> built) throws Exception {
        long transfers = 0;
        List<Double> perBlockMs = new ArrayList<>();
        long start = System.nanoTime();
        for (Block block : built) {
            long t0 = System.nanoTime();
            node.chain().importBlock(block);
            perBlockMs.add((System.nanoTime() - t0) / 1e6);
            transfers += block.transactions().size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        node.assertInvariants();
        perBlockMs.sort(Comparator.naturalOrder());
        double tps = transfers / seconds;
        System.out.printf(
                "%s: %d transfers in %.2f s = %.0f transfers/s (block median %.0f ms)%n",
                what, transfers, seconds, tps, perBlockMs.get(perBlockMs.size() / 2));
        return tps;
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

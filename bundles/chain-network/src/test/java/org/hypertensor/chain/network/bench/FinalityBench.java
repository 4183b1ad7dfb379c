package org.hypertensor.chain.network.bench;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.hypertensor.chain.network.internal.bft.BftNode;
import org.hypertensor.chain.network.internal.bft.TendermintRule;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.HeadListener;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.consensus.Finality;
import org.hypertensor.ledger.internal.osgi.LedgerConsensus;
import org.hypertensor.p2p.internal.host.TestHosts;

/**
 * Four validators on loopback in one JVM (real hosts, gossipsub, Derby, the Tendermint engine) at a
 * 1 s block time. Phase 2 runs first: {@code transfers} transfers put into every validator's pool (what
 * gossip does) before the engines start, finalized in full blocks of MaxBlockTransactions; transfers/s
 * from the commit of the first full block to that of the last, against what one node imports of those same
 * blocks alone (with its pool holding them too), divided by 4. Phase 1 then: finality latency of empty
 * blocks — from the block's timestamp (the proposer's clock when it built it) to its commit on each node —
 * median and p99.
 *
 * <p>Run: {@code bundles/chain-network/bench/finality.sh [heights=30] [transfers=8000] [perBlock=1000]}.
 */
public final class FinalityBench {

    private static final String[] NAMES = {"Alice", "Bob", "Charlie", "Dave"};

    public static void main(String[] args) throws Exception {
        int heights = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int transfers = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
        int perBlock = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int senders = Math.max(1, transfers / 10);
        List<Ed25519KeyPair> keys = IntStream.range(0, senders)
                .parallel()
                .mapToObj(i ->
                        Ed25519KeyPair.fromSeed(Hashes.blake2b256(("fbench-" + i).getBytes(StandardCharsets.UTF_8))))
                .toList();
        String spec = spec(keys, perBlock);
        Path dir = Files.createTempDirectory("finality-bench-");
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        try (TestHosts hosts = new TestHosts()) {
            List<BftNode> nodes = new ArrayList<>();
            for (String n : NAMES) {
                BftNode node = new BftNode(n, spec, dir, hosts);
                node.chain.chain().addListener(new HeadListener() {
                    @Override
                    public void newHead(BlockInfo block) {}

                    @Override
                    public void finalized(BlockInfo block) {
                        committedAt.put(node.name + "#" + block.number(), System.currentTimeMillis());
                    }
                });
                nodes.add(node);
            }
            try {
                for (int i = 0; i < nodes.size(); i++) {
                    for (int j = i + 1; j < nodes.size(); j++) {
                        nodes.get(i).connect(nodes.get(j));
                    }
                }
                // Phase 2 (first): every pool holds the transfers before the engines start, so that the
                // blocks are full from the first height on; the rate is measured from the commit of the
                // first full block to that of the last, on //Alice.
                byte[] genesis = nodes.get(0).chain.genesisHash();
                List<SignedTransaction> txs = IntStream.range(0, transfers)
                        .parallel()
                        .mapToObj(i -> transfer(keys, i, genesis))
                        .toList();
                long t0 = System.nanoTime();
                for (BftNode n : nodes) {
                    for (SignedTransaction tx : txs) {
                        submitUnlessIncluded(n.chain, tx);
                    }
                }
                System.out.printf(
                        "pools filled: %d transfers into each of 4 pools in %.1f s%n",
                        transfers, (System.nanoTime() - t0) / 1e9);
                nodes.forEach(BftNode::start);
                LocalChain alice = nodes.get(0).chain;
                long giveUp = System.currentTimeMillis() + 180_000;
                while (nodes.stream().anyMatch(n -> n.chain.chain().poolSize() > 0)) {
                    if (System.currentTimeMillis() > giveUp) {
                        for (BftNode n : nodes) {
                            System.out.printf(
                                    "%s: finalized #%d, pool %d, %s%n",
                                    n.name, n.finalized(), n.chain.chain().poolSize(), n.engine.status());
                        }
                        throw new IllegalStateException("the pools did not empty in 180 s");
                    }
                    Thread.sleep(50);
                }
                awaitAll(nodes, maxFinalized(nodes));
                long endHeight = minFinalized(nodes);
                long startHeight = 1;
                while (alice.chain()
                        .block(startHeight)
                        .orElseThrow()
                        .transactions()
                        .isEmpty()) {
                    startHeight++;
                }
                long finalized = 0;
                int full = 0;
                for (long h = startHeight + 1; h <= endHeight; h++) {
                    int n = alice.chain().block(h).orElseThrow().transactions().size();
                    finalized += n;
                    full += n == perBlock ? 1 : 0;
                }
                long start = committedAt.get("Alice#" + startHeight);
                long end = committedAt.get("Alice#" + endHeight);
                double clusterTps = finalized * 1000.0 / Math.max(1, end - start);
                System.out.printf(
                        "phase 2: %d transfers finalized in blocks #%d..#%d (%d full) in %.1f s = %.0f transfers/s%n",
                        finalized, startHeight + 1, endHeight, full, (end - start) / 1e3, clusterTps);

                // Phase 1: finality latency of empty blocks (the pools are empty now).
                long from = minFinalized(nodes) + 1;
                awaitAll(nodes, from + heights - 1);
                List<Long> latencies = new ArrayList<>();
                for (long h = from; h < from + heights; h++) {
                    long stamp =
                            nodes.get(0).chain.chain().block(h).orElseThrow().timestamp();
                    for (BftNode n : nodes) {
                        Long at = committedAt.get(n.name + "#" + h);
                        if (at != null) {
                            latencies.add(at - stamp);
                        }
                    }
                }
                latencies.sort(null);
                long lastStamp = nodes.get(0)
                        .chain
                        .chain()
                        .block(from + heights - 1)
                        .orElseThrow()
                        .timestamp();
                long firstStamp =
                        nodes.get(0).chain.chain().block(from).orElseThrow().timestamp();
                System.out.printf(
                        "phase 1: %d heights, block interval %d ms, finality latency median %d ms, p99 %d ms, max %d ms%n",
                        heights,
                        (lastStamp - firstStamp) / Math.max(1, heights - 1),
                        latencies.get(latencies.size() / 2),
                        latencies.get(Math.min(latencies.size() - 1, latencies.size() * 99 / 100)),
                        latencies.get(latencies.size() - 1));

                // One node alone importing the same blocks (its pool holding the transfers, like a validator's).
                try (LocalChain single = LocalChain.builder()
                        .spec(spec)
                        .directory(dir.resolve("single"))
                        .open()) {
                    single.chain().setFinality(new Finality(new TendermintRule(single.genesisHash()), false));
                    LedgerConsensus source = new LedgerConsensus(alice.chain(), Optional::empty);
                    LedgerConsensus target = new LedgerConsensus(single.chain(), Optional::empty);
                    for (long h = 1; h <= startHeight; h++) {
                        target.importFinalized(source.finalizedBlock(h).orElseThrow());
                    }
                    for (SignedTransaction tx : txs) {
                        submitUnlessIncluded(single, tx);
                    }
                    long i0 = System.nanoTime();
                    long imported = 0;
                    for (long h = startHeight + 1; h <= endHeight; h++) {
                        FinalizedBlock b = source.finalizedBlock(h).orElseThrow();
                        imported += target.importFinalized(b).transactions().size();
                    }
                    double importTps = imported / ((System.nanoTime() - i0) / 1e9);
                    System.out.printf(
                            "one node importing the same blocks alone: %.0f transfers/s; "
                                    + "ratio cluster / (import / 4) = %.2f%n",
                            importTps, clusterTps / (importTps / 4));
                }
            } finally {
                nodes.forEach(BftNode::close);
            }
        }
    }

    /** Pools it; one already finalized while the pools were being filled is stale, and skipped. */
    private static void submitUnlessIncluded(LocalChain chain, SignedTransaction tx) {
        try {
            chain.submit(tx);
        } catch (TransactionRejected e) {
            if (e.reason() != TransactionRejected.Reason.STALE_NONCE) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static SignedTransaction transfer(List<Ed25519KeyPair> keys, int i, byte[] genesis) {
        int from = i % keys.size();
        int nonce = i / keys.size();
        byte[] to = keys.get((from + 1) % keys.size()).publicKey();
        return SignedTransaction.sign(
                keys.get(from),
                genesis,
                nonce,
                BigInteger.ZERO,
                new Call(
                        "balances",
                        "transfer",
                        new Encoder()
                                .fixed(to)
                                .u128(BigInteger.valueOf(1000 + i))
                                .toByteArray()));
    }

    private static void awaitAll(List<BftNode> nodes, long height) throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (minFinalized(nodes) < height) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no progress: finalized " + minFinalized(nodes) + " of " + height);
            }
            Thread.sleep(20);
        }
    }

    private static long minFinalized(List<BftNode> nodes) {
        return nodes.stream().mapToLong(BftNode::finalized).min().orElse(0);
    }

    private static long maxFinalized(List<BftNode> nodes) {
        return nodes.stream().mapToLong(BftNode::finalized).max().orElse(0);
    }

    private static String spec(List<Ed25519KeyPair> keys, int perBlock) {
        return LocalChain.benchSpec(
                "finality-bench", perBlock, List.of("//Alice", "//Bob", "//Charlie", "//Dave"), keys);
    }
}

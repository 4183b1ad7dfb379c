package org.hypertensor.emissions.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hypertensor.crypto.api.Base58;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.emissions.api.EmissionsRuntime;
import org.hypertensor.emissions.internal.module.EmissionsModule;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.scoring.api.ScoringCalls;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.scoring.internal.module.ScoringModule;
import org.hypertensor.staking.internal.module.StakingModule;

/**
 * Consensus plus emissions for {@code S} subnets × {@code N} nodes × {@code N} scores each, on a real LocalChain
 * (Derby): the extra time of the consensus block (r = 0) and the emissions block (r = 1) over an ordinary block.
 * Not a test: run with {@code java -cp … org.hypertensor.emissions.bench.EpochBench [subnets nodes epochs warmup]}
 * (see docs/benchmarks.md).
 */
public final class EpochBench {

    private EpochBench() {}

    public static void main(String[] args) throws Exception {
        int subnets = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 96;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        long epochLength = 10;
        Path dir = Files.createTempDirectory("epoch-bench");
        String spec = spec(subnets, nodes);
        System.out.printf(
                "%d subnets x %d nodes x %d scores each, %d epochs measured after %d warm-up epochs%n",
                subnets, nodes, nodes, epochs, warmup);
        Ed25519KeyPair[][] keys = new Ed25519KeyPair[subnets][nodes];
        String[][] peers = new String[subnets][nodes];
        for (int s = 0; s < subnets; s++) {
            for (int n = 0; n < nodes; n++) {
                keys[s][n] = DevKeys.derive(uri(s, n));
                peers[s][n] = peer(uri(s, n));
            }
        }
        long t0 = System.nanoTime();
        try (LocalChain chain = LocalChain.builder()
                .spec(spec)
                .poolLimits(200_000, 64)
                .modules(new StakingModule(), new ScoringModule(), new EmissionsModule())
                .directory(dir)
                .open()) {
            System.out.printf("genesis: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            SplittableRandom random = new SplittableRandom(1);
            List<long[]> rows = new ArrayList<>();
            for (int e = 0; e < warmup + epochs; e++) {
                long epoch = 2 + e;
                produceTo(chain, epoch * epochLength + 2);
                // every node submits N scores (honest, with small noise)
                List<SignedTransaction> txs = new ArrayList<>();
                for (int s = 0; s < subnets; s++) {
                    for (int n = 0; n < nodes; n++) {
                        List<ScoreEntry> entries = new ArrayList<>(nodes);
                        for (int p = 0; p < nodes; p++) {
                            entries.add(new ScoreEntry(peers[s][p], 5000 + random.nextInt(-20, 21)));
                        }
                        Ed25519KeyPair k = keys[s][n];
                        txs.add(SignedTransaction.sign(
                                k,
                                chain.genesisHash(),
                                chain.account(k.publicKey()).nextNonce(),
                                java.math.BigInteger.ZERO,
                                ScoringCalls.submitScores(s + 1, entries)));
                    }
                }
                for (SignedTransaction tx : txs) {
                    chain.submit(tx);
                }
                long ordinary = Long.MAX_VALUE;
                long submissionBlocks = 0;
                while (chain.head().number() % epochLength != epochLength - 1) {
                    long b = System.nanoTime();
                    chain.produceBlock();
                    long took = System.nanoTime() - b;
                    if (chain.chain().pool().isEmpty()
                            && chain.head().transactions().isEmpty()) {
                        ordinary = Math.min(ordinary, took);
                    } else {
                        submissionBlocks += took;
                    }
                }
                if (!chain.chain().pool().isEmpty()) {
                    throw new IllegalStateException(chain.chain().pool().size() + " submissions left in the pool");
                }
                long c = System.nanoTime();
                chain.produceBlock(); // r = 0: consensus
                long consensus = System.nanoTime() - c;
                long m = System.nanoTime();
                chain.produceBlock(); // r = 1: emissions
                long emissions = System.nanoTime() - m;
                long ordinaryMs = ordinary == Long.MAX_VALUE ? 0 : ordinary;
                var r = chain.query(ctx -> ctx.runtime(ScoringRuntime.class).result(1, epoch))
                        .orElseThrow();
                if (r.status() != EpochStatus.CONSENSUS || r.submissions() != nodes) {
                    throw new IllegalStateException("epoch " + epoch + ": " + r.status() + " " + r.notes());
                }
                int paid = chain.query(
                                ctx -> ctx.runtime(EmissionsRuntime.class).payout(epoch))
                        .orElseThrow()
                        .subnets()
                        .size();
                chain.assertInvariants();
                if (e >= warmup) {
                    rows.add(new long[] {epoch, consensus, emissions, ordinaryMs, paid});
                }
                System.out.printf(
                        (e < warmup ? "(warm-up) " : "") + "epoch %d: consensus block %.1f ms, emissions block %.1f ms,"
                                + " ordinary block %.1f ms, %d subnets paid; the blocks holding the %d submissions: %.0f ms in all%n",
                        epoch,
                        consensus / 1e6,
                        emissions / 1e6,
                        ordinaryMs / 1e6,
                        paid,
                        txs.size(),
                        submissionBlocks / 1e6);
            }
            long[] totals = rows.stream()
                    .mapToLong(r -> r[1] + r[2] - 2 * r[3])
                    .sorted()
                    .toArray();
            System.out.printf(
                    "consensus + emissions over two ordinary blocks, median of %d epochs: %.1f ms (all: %s)%n",
                    totals.length,
                    totals[totals.length / 2] / 1e6,
                    Arrays.toString(Arrays.stream(totals)
                            .mapToObj(t -> String.format("%.1f", t / 1e6))
                            .toArray()));
        }
    }

    static String uri(int subnet, int node) {
        return "//S" + subnet + "N" + node;
    }

    static String peer(String uri) {
        byte[] raw = new byte[38];
        raw[1] = 0x24;
        raw[2] = 0x08;
        raw[3] = 0x01;
        raw[4] = 0x12;
        raw[5] = 0x20;
        System.arraycopy(DevKeys.derive(uri + "//p2p").publicKey(), 0, raw, 6, 32);
        return Base58.encode(raw);
    }

    private static void produceTo(LocalChain chain, long block) {
        while (chain.head().number() < block) {
            chain.produceBlock();
        }
    }

    private static String spec(int subnets, int nodes) {
        StringBuilder balances = new StringBuilder("{\"account\": \"//Alice\", \"free\": \"1000000 TENSOR\"}");
        StringBuilder sn = new StringBuilder();
        for (int s = 0; s < subnets; s++) {
            StringBuilder ns = new StringBuilder();
            for (int n = 0; n < nodes; n++) {
                balances.append(",{\"account\": \"").append(uri(s, n)).append("\", \"free\": \"10000 TENSOR\"}");
                ns.append(n == 0 ? "" : ",")
                        .append("{\"account\": \"")
                        .append(uri(s, n))
                        .append("\", \"peer_id\": \"")
                        .append(peer(uri(s, n)))
                        .append("\", \"multiaddr\": \"/ip4/10.0.")
                        .append(s)
                        .append('.')
                        .append(n)
                        .append("/tcp/4001\", \"stake\": \"")
                        .append(1000 + n)
                        .append(" TENSOR\"}");
            }
            sn.append(s == 0 ? "" : ",")
                    .append("{\"name\": \"s")
                    .append(s)
                    .append("\", \"model\": \"m\", \"nodes\": [")
                    .append(ns)
                    .append("]}");
        }
        return """
                {"name": "bench", "id": "bench", "dev": true, "blockTimeMs": 1000,
                 "modules": [{"name": "balances", "version": 1}, {"name": "subsidy", "version": 1},
                   {"name": "sudo", "version": 1}, {"name": "staking", "version": 1},
                   {"name": "consensus", "version": 1}, {"name": "emissions", "version": 1}],
                 "parameters": {"EpochLength": 10, "SubnetSubmitEpochs": 2, "NodeInclusionEpochs": 1, "NodeSubmitEpochs": 2,
                   "UnbondingEpochs": 2, "MinNodes": 3, "MaxNodes": 96, "MaxSubnets": 32, "MinStake": "1000 TENSOR",
                   "MaxStake": "280000 TENSOR", "SubnetRegistrationFeePerNode": "0 TENSOR", "ExitWindowBp": 2000,
                   "SubmitQuorumBp": 5100, "UnconfirmThresholdBp": 5100, "MaxConsecutiveUnconfirmed": 2,
                   "MaxOutlierDeltaBp": 100, "NodeRemovalBp": 7500, "AgainstConsensusRemovalBp": 2500,
                   "MaxAccountPenalties": 12, "PenaltyForgiveEpochs": 10, "MaxSubnetEpochErrors": 100,
                   "SubnetErrorForgiveEpochs": 10, "SlashBp": 500, "MaxSubnetRewardsBp": 4800, "StakeRewardBp": 4000,
                   "MaxBlockTransactions": 20000},
                 "validators": ["//Alice"], "sudo": "//Alice",
                 "genesis": {"balances": {"accounts": [%s]}, "staking": {"subnets": [%s]}}}
                """.formatted(balances, sn);
    }
}

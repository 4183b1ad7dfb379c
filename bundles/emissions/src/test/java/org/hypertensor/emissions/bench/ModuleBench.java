package org.hypertensor.emissions.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.emissions.internal.module.EmissionsModule;
import org.hypertensor.ledger.api.codec.Decoder;
import org.hypertensor.ledger.api.runtime.RuntimeModule;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.scoring.api.EpochStatus;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.scoring.api.ScoringCalls;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.scoring.internal.module.ScoringModule;
import org.hypertensor.staking.internal.module.StakingModule;

/**
 * The module logic alone (no ledger, no store): consensus ({@code on_initialize} at r = 0) and emissions (at
 * r = 1) over an in-memory state, for {@code S × N × N}. Run: {@code java -cp … ModuleBench [subnets nodes epochs]}.
 */
public final class ModuleBench {

    private ModuleBench() {}

    public static void main(String[] args) {
        int subnets = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 96;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        StakingModule staking = new StakingModule();
        ScoringModule consensus = new ScoringModule();
        EmissionsModule emissions = new EmissionsModule();
        MemoryRuntime rt = new MemoryRuntime(List.of(staking, consensus, emissions));
        Map<String, Object> params = new TreeMap<>(Map.ofEntries(
                Map.entry("EpochLength", 10),
                Map.entry("SubnetSubmitEpochs", 2),
                Map.entry("NodeInclusionEpochs", 1),
                Map.entry("NodeSubmitEpochs", 2),
                Map.entry("UnbondingEpochs", 2),
                Map.entry("MinNodes", 3),
                Map.entry("MaxNodes", 96),
                Map.entry("MaxSubnets", 32),
                Map.entry("ExitWindowBp", 2000),
                Map.entry("SubmitQuorumBp", 5100),
                Map.entry("UnconfirmThresholdBp", 5100),
                Map.entry("MaxConsecutiveUnconfirmed", 2),
                Map.entry("MaxOutlierDeltaBp", 100),
                Map.entry("NodeRemovalBp", 7500),
                Map.entry("AgainstConsensusRemovalBp", 2500),
                Map.entry("MaxAccountPenalties", 12),
                Map.entry("PenaltyForgiveEpochs", 10),
                Map.entry("MaxSubnetEpochErrors", 100),
                Map.entry("SubnetErrorForgiveEpochs", 10),
                Map.entry("SlashBp", 500),
                Map.entry("MaxSubnetRewardsBp", 4800),
                Map.entry("StakeRewardBp", 4000)));
        params.forEach((k, v) -> rt.parameter(k, BigInteger.valueOf(((Number) v).longValue())));
        BigInteger tensor = BigInteger.TEN.pow(18);
        rt.parameter("MinStake", tensor.multiply(BigInteger.valueOf(1000)));
        rt.parameter("MaxStake", tensor.multiply(BigInteger.valueOf(280_000)));
        rt.parameter("SubnetRegistrationFeePerNode", BigInteger.ZERO);
        byte[][][] accounts = new byte[subnets][nodes][];
        String[][] peers = new String[subnets][nodes];
        List<Object> subnetList = new ArrayList<>();
        for (int s = 0; s < subnets; s++) {
            List<Object> ns = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                accounts[s][n] = DevKeys.derive(EpochBench.uri(s, n)).publicKey();
                peers[s][n] = EpochBench.peer(EpochBench.uri(s, n));
                rt.endow(accounts[s][n], tensor.multiply(BigInteger.valueOf(10_000)));
                ns.add(Map.of(
                        "account",
                        "0x" + org.hypertensor.crypto.api.Hex.encode(accounts[s][n]),
                        "peer_id",
                        peers[s][n],
                        "multiaddr",
                        "/ip4/10.0.0.1/tcp/4001",
                        "stake",
                        tensor.multiply(BigInteger.valueOf(1000 + n))));
            }
            subnetList.add(Map.of("name", "s" + s, "model", "m", "nodes", ns));
        }
        staking.genesis(rt.context(staking), Map.of("subnets", subnetList));
        SplittableRandom random = new SplittableRandom(1);
        List<Long> totals = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            long epoch = 2 + e;
            rt.block = epoch * 10 + 3;
            for (int s = 0; s < subnets; s++) {
                for (int n = 0; n < nodes; n++) {
                    List<ScoreEntry> entries = new ArrayList<>(nodes);
                    for (int p = 0; p < nodes; p++) {
                        entries.add(new ScoreEntry(peers[s][p], 5000 + random.nextInt(-20, 21)));
                    }
                    Call c = ScoringCalls.submitScores(s + 1, entries);
                    Decoder d = new Decoder(c.args());
                    consensus.dispatch(rt.call(consensus, accounts[s][n]), c.function(), d);
                    d.finish();
                }
            }
            rt.fillVault(tensor.multiply(BigInteger.valueOf(1000)));
            rt.block = (epoch + 1) * 10;
            long t0 = System.nanoTime();
            for (RuntimeModule m : List.of(staking, consensus, emissions)) {
                m.onInitialize(rt.context(m));
            }
            long t1 = System.nanoTime();
            for (RuntimeModule m : List.of(staking, consensus, emissions)) {
                m.onFinalize(rt.context(m));
            }
            rt.block++;
            long t2 = System.nanoTime();
            for (RuntimeModule m : List.of(staking, consensus, emissions)) {
                m.onInitialize(rt.context(m));
            }
            long t3 = System.nanoTime();
            var result = consensus
                    .runtimeApi(ScoringRuntime.class, rt.context(consensus))
                    .result(1, epoch)
                    .orElseThrow();
            if (result.status() != EpochStatus.CONSENSUS) {
                throw new IllegalStateException(result.notes().toString());
            }
            totals.add((t1 - t0) + (t3 - t2));
            System.out.printf(
                    "epoch %d: consensus %.1f ms, emissions %.1f ms%n", epoch, (t1 - t0) / 1e6, (t3 - t2) / 1e6);
        }
        long[] sorted = totals.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "module logic, consensus + emissions per epoch: median %.1f ms, min %.1f ms over %d epochs%n",
                sorted[sorted.length / 2] / 1e6, sorted[0] / 1e6, sorted.length);
        System.out.println(Arrays.toString(Arrays.stream(sorted)
                .mapToObj(t -> String.format("%.0f", t / 1e6))
                .toArray()));
    }
}

package org.hypertensor.emissions.scenario;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.emissions.api.EmissionsRuntime;
import org.hypertensor.emissions.api.EpochPayout;
import org.hypertensor.emissions.internal.module.EmissionsModule;
import org.hypertensor.ledger.api.Receipt;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.scoring.api.EpochResult;
import org.hypertensor.scoring.api.ScoreEntry;
import org.hypertensor.scoring.api.ScoringCalls;
import org.hypertensor.scoring.api.ScoringRuntime;
import org.hypertensor.scoring.internal.module.ScoringModule;
import org.hypertensor.staking.api.StakingRuntime;
import org.hypertensor.staking.internal.module.StakingModule;

/**
 * A real chain (LocalChain: executive, pool, Derby) running balances, subsidy, sudo, staking, consensus and
 * emissions, with one genesis subnet ({@code test}, id 1) of {@code nodes} dev nodes {@code //N0…}, each staking
 * 1,000 TENSOR. The devnet parameters of the spec apply unless overridden. Every produced block is followed by
 * the issuance-invariant check.
 */
final class TestNetwork implements AutoCloseable {

    static final BigInteger TENSOR = BigInteger.TEN.pow(18);
    static final long L = 10;
    static final long SUBNET = 1;

    private final LocalChain chain;
    private final int nodes;

    private TestNetwork(LocalChain chain, int nodes) {
        this.chain = chain;
        this.nodes = nodes;
    }

    /** An override that leaves the parameter out of the spec (its default then applies). */
    static final Object OMIT = "(omit)";

    static Map<String, Object> devnetParameters() {
        Map<String, Object> p = new TreeMap<>();
        p.put("EpochLength", L);
        p.put("SubnetSubmitEpochs", 2);
        p.put("NodeInclusionEpochs", 1);
        p.put("NodeSubmitEpochs", 2);
        p.put("UnbondingEpochs", 2);
        p.put("MinNodes", 3);
        p.put("MaxNodes", 96);
        p.put("MaxSubnets", 8);
        p.put("MinStake", "1000 TENSOR");
        p.put("MaxStake", "280000 TENSOR");
        p.put("SubnetRegistrationFeePerNode", "0 TENSOR");
        p.put("ExitWindowBp", 2000);
        p.put("SubmitQuorumBp", 5100);
        p.put("UnconfirmThresholdBp", 5100);
        p.put("MaxConsecutiveUnconfirmed", 2);
        p.put("MaxOutlierDeltaBp", 100);
        p.put("NodeRemovalBp", 7500);
        p.put("AgainstConsensusRemovalBp", 2500);
        p.put("MaxAccountPenalties", 12);
        p.put("PenaltyForgiveEpochs", 10);
        p.put("MaxSubnetEpochErrors", 100);
        p.put("SubnetErrorForgiveEpochs", 10);
        p.put("SlashBp", 500);
        p.put("MaxSubnetRewardsBp", 4800);
        p.put("StakeRewardBp", 4000);
        return p;
    }

    static String uri(int i) {
        return "//N" + i;
    }

    static Ed25519KeyPair key(int i) {
        return DevKeys.derive(uri(i));
    }

    static String peer(int i) {
        return peerOf(uri(i));
    }

    static String peerOf(String uri) {
        byte[] pub = DevKeys.derive(uri + "//p2p").publicKey();
        byte[] raw = new byte[38];
        raw[0] = 0x00;
        raw[1] = 0x24;
        raw[2] = 0x08;
        raw[3] = 0x01;
        raw[4] = 0x12;
        raw[5] = 0x20;
        System.arraycopy(pub, 0, raw, 6, 32);
        return org.hypertensor.crypto.api.Base58.encode(raw);
    }

    static String spec(int nodes, int extraAccounts, Map<String, Object> overrides) {
        Map<String, Object> p = devnetParameters();
        p.putAll(overrides);
        p.values().removeIf(OMIT::equals);
        StringBuilder params = new StringBuilder();
        p.forEach((k, v) -> params.append(params.length() == 0 ? "" : ",\n    ")
                .append('"')
                .append(k)
                .append("\": ")
                .append(v instanceof String ? "\"" + v + "\"" : v));
        StringBuilder balances = new StringBuilder();
        for (int i = 0; i < nodes + extraAccounts; i++) {
            balances.append(i == 0 ? "" : ",\n")
                    .append("        {\"account\": \"")
                    .append(uri(i))
                    .append("\", \"free\": \"1000000 TENSOR\"}");
        }
        StringBuilder genesisNodes = new StringBuilder();
        for (int i = 0; i < nodes; i++) {
            genesisNodes
                    .append(i == 0 ? "" : ",\n")
                    .append("          {\"account\": \"")
                    .append(uri(i))
                    .append("\", \"peer_id\": \"")
                    .append(peer(i))
                    .append("\", \"multiaddr\": \"/ip4/127.0.0.1/tcp/")
                    .append(40000 + i)
                    .append("\", \"stake\": \"1000 TENSOR\"}");
        }
        return """
                {
                  "name": "chain modules test", "id": "chain-modules-test", "dev": true, "blockTimeMs": 1000,
                  "modules": [
                    {"name": "balances", "version": 1}, {"name": "subsidy", "version": 1}, {"name": "sudo", "version": 1},
                    {"name": "staking", "version": 1}, {"name": "consensus", "version": 1}, {"name": "emissions", "version": 1}
                  ],
                  "parameters": {
                    "BaseFee": "0.001 TENSOR", "LengthFee": "1000000000000 base",
                    %s
                  },
                  "validators": ["//Alice"],
                  "sudo": "//Alice",
                  "genesis": {
                    "balances": {"accounts": [
                        {"account": "//Alice", "free": "1000000 TENSOR"},
                %s
                    ]},
                    "staking": {"subnets": [{"name": "test", "model": "test-model", "nodes": [
                %s
                    ]}]}
                  }
                }
                """.formatted(params, balances, genesisNodes);
    }

    static TestNetwork open(Path dir, int nodes, Map<String, Object> overrides) throws Exception {
        return open(dir, nodes, 0, overrides);
    }

    static TestNetwork open(Path dir, int nodes, int extraAccounts, Map<String, Object> overrides) throws Exception {
        LocalChain chain = LocalChain.builder()
                .spec(spec(nodes, extraAccounts, overrides))
                .modules(new StakingModule(), new ScoringModule(), new EmissionsModule())
                .directory(dir)
                .open();
        chain.assertInvariants();
        return new TestNetwork(chain, nodes);
    }

    LocalChain chain() {
        return chain;
    }

    long head() {
        return chain.head().number();
    }

    /** Produces blocks until the head is {@code block}, checking the issuance invariant after each. */
    void produceTo(long block) {
        while (head() < block) {
            chain.produceBlock();
            chain.assertInvariants();
        }
    }

    /** Produces one block (holding whatever was submitted) and returns the receipt of {@code hash}. */
    Receipt include(byte[] hash) {
        produceTo(head() + 1);
        return chain.receipt(hash);
    }

    byte[] submit(Ed25519KeyPair key, Call call) {
        try {
            return chain.submit(key, call);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Submits and includes one call; returns its receipt. */
    Receipt run(Ed25519KeyPair key, Call call) {
        return include(submit(key, call));
    }

    Receipt sudo(Call inner) {
        Encoder out = new Encoder();
        inner.encode(out);
        return run(DevKeys.derive("//Alice"), new Call("sudo", "sudo", out.toByteArray()));
    }

    /** {@code sudo.set_parameter(name, value)} through {@code sudo.sudo}. */
    Receipt setParameter(String name, BigInteger value) {
        return sudo(new Call(
                "sudo", "set_parameter", new Encoder().text(name).u128(value).toByteArray()));
    }

    /** Scores for {@code scores[i]} per node index (0 = leave the node out). */
    static List<ScoreEntry> scores(long... perNode) {
        List<ScoreEntry> out = new ArrayList<>();
        for (int i = 0; i < perNode.length; i++) {
            if (perNode[i] > 0) {
                out.add(new ScoreEntry(peer(i), perNode[i]));
            }
        }
        return out;
    }

    /** The same score for every node {@code 0..count-1}. */
    static long[] all(int count, long score) {
        long[] s = new long[count];
        java.util.Arrays.fill(s, score);
        return s;
    }

    /** Submits scores for every node of the epoch's list; the calls are included in the next block. */
    byte[] submitScores(int node, long... perNode) {
        return submit(key(node), ScoringCalls.submitScores(SUBNET, scores(perNode)));
    }

    byte[] unconfirm(int node) {
        return submit(key(node), ScoringCalls.unconfirmScores(SUBNET));
    }

    /**
     * Moves to the submission window of the running epoch (head at r = 2, so the next block has r = 3), at the
     * earliest in epoch 2, the genesis subnet's first scored epoch.
     */
    void toSubmissionWindow() {
        long r = head() % L;
        produceTo(Math.max(2 * L + 2, r <= 2 ? head() - r + 2 : head() - r + L + 2));
    }

    /** Closes and pays the running epoch: head at the next epoch's r = 1. */
    long closeEpoch() {
        long epoch = (head() + 1) / L;
        produceTo((epoch + 1) * L + 1);
        return epoch;
    }

    <T> T staking(Function<StakingRuntime, T> f) {
        return chain.query(ctx -> f.apply(ctx.runtime(StakingRuntime.class)));
    }

    EpochResult result(long epoch) {
        return chain.query(ctx -> ctx.runtime(ScoringRuntime.class).result(SUBNET, epoch))
                .orElseThrow();
    }

    EpochPayout payout(long epoch) {
        return chain.query(ctx -> ctx.runtime(EmissionsRuntime.class).payout(epoch))
                .orElseThrow();
    }

    BigInteger vault() {
        return chain.supply().vault();
    }

    static void assertSuccess(Receipt r) {
        assertTrue(r.success(), () -> "call failed: " + r.error() + ": " + r.message());
    }

    int nodes() {
        return nodes;
    }

    @Override
    public void close() {
        chain.close();
    }
}

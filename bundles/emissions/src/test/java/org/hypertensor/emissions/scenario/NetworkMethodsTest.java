package org.hypertensor.emissions.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.emissions.internal.query.EmissionsQueryService;
import org.hypertensor.emissions.internal.rpc.NetworkMethods;
import org.hypertensor.ledger.api.Accounts;
import org.hypertensor.ledger.internal.chain.LocalChain;
import org.hypertensor.ledger.internal.osgi.LedgerService;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcParams;
import org.hypertensor.scoring.internal.query.ScoringQueryService;
import org.hypertensor.staking.internal.query.StakingQueryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code network_*} RPC methods over the real query services of a devnet LocalChain run (with its three
 * nodes scoring every epoch) past its first payout at block 31; calls go straight to the {@link NetworkMethods} object,
 * then through Jackson as the RPC bundle would write them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkMethodsTest {

    static final String ALICE_PEER = "12D3KooWHfiYgv92XJ79MSt5tLMYdLUqupQmZEwWyV6PtbxLF35A";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private LocalChain chain;
    private NetworkMethods rpc;

    @BeforeAll
    void run() throws Exception {
        chain = DevnetChain.open(dir);
        LedgerService ledger = new LedgerService(chain.chain(), () -> "test");
        rpc = new NetworkMethods(
                new StakingQueryService(ledger), new ScoringQueryService(ledger), new EmissionsQueryService(ledger));
        while (chain.head().number() < 32) {
            DevnetChain.step(chain);
        }
    }

    @AfterAll
    void close() {
        chain.close();
    }

    private Object call(String method, String params) throws Exception {
        return rpc.call(new RpcParams(method, JSON.readTree(params)));
    }

    /** The answer as the RPC writes it. */
    private String json(String method, String params) throws Exception {
        return JSON.writeValueAsString(call(method, params));
    }

    private int error(String method, String params) {
        RpcError e = assertThrows(RpcError.class, () -> call(method, params));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.code();
    }

    private static String ss58(String uri) {
        return Accounts.format(DevKeys.derive(uri).publicKey());
    }

    @Test
    void subnets() throws Exception {
        List<?> subnets = (List<?>) call("network_getSubnets", "[]");
        assertEquals(1, subnets.size());
        Map<?, ?> devnet = (Map<?, ?>) subnets.get(0);
        assertEquals(1L, devnet.get("id"));
        assertEquals("devnet", devnet.get("name"));
        assertEquals(3, devnet.get("nodes"));
        assertEquals(3L, devnet.get("submittableNodes"));
        assertEquals(ss58("//Alice"), devnet.get("owner"));
        assertTrue(((String) devnet.get("stake")).matches("[0-9]+"), devnet.toString());
        assertEquals(devnet, call("network_getSubnet", "[1]"));
        assertEquals(devnet, call("network_getSubnet", "{\"subnet\":\"1\"}"));
        assertEquals(NetworkMethods.NO_SUCH_SUBNET, error("network_getSubnet", "[42]"));
        assertEquals(RpcError.INVALID_PARAMS, error("network_getSubnet", "[\"devnet\"]"));
        assertEquals(RpcError.INVALID_PARAMS, error("network_getSubnet", "[]"));
        assertEquals(RpcError.INVALID_PARAMS, error("network_getSubnets", "[1]"));
    }

    @Test
    void nodesAndStake() throws Exception {
        String nodes = json("network_getNodes", "[1]");
        assertTrue(
                nodes.contains("\"peerId\":\"" + ALICE_PEER + "\"")
                        && nodes.contains(ss58("//Charlie"))
                        && nodes.contains("\"class\":\"submittable\""),
                nodes);
        assertEquals(NetworkMethods.NO_SUCH_SUBNET, error("network_getNodes", "[7]"));
        Map<?, ?> bob = (Map<?, ?>) call("network_getStake", "[\"" + ss58("//Bob") + "\"]");
        assertEquals(ss58("//Bob"), bob.get("account"));
        // 1000 TENSOR staked at genesis, plus the reward of epoch 2 compounded into it
        assertTrue(new java.math.BigInteger((String) bob.get("bonded"))
                        .compareTo(new java.math.BigInteger("1000000000000000000000"))
                > 0);
        assertEquals(0L, bob.get("penalties"));
        String hex = "0x"
                + java.util.HexFormat.of().formatHex(DevKeys.derive("//Bob").publicKey());
        assertEquals(bob, call("network_getStake", "{\"account\":\"" + hex + "\"}"));
        Map<?, ?> dave = (Map<?, ?>) call("network_getStake", "[\"" + ss58("//Dave") + "\"]");
        assertEquals("0", dave.get("bonded"));
        assertEquals(RpcError.INVALID_PARAMS, error("network_getStake", "[\"nonsense\"]"));
        assertEquals(RpcError.INVALID_PARAMS, error("network_getStake", "[\"//Bob\"]"));
        assertEquals(RpcError.INVALID_PARAMS, error("network_getStake", "[\"0x1234\"]"));
    }

    @Test
    void proofOfStake() throws Exception {
        Map<?, ?> alice = (Map<?, ?>) call("network_proofOfStake", "[1, \"" + ALICE_PEER + "\"]");
        assertEquals(true, alice.get("staked"));
        assertEquals(ss58("//Alice"), alice.get("account"));
        assertEquals("submittable", alice.get("class"));
        String davePeer = org.hypertensor.crypto.api.PeerIds.ed25519(
                DevKeys.derive("//Dave//p2p").publicKey());
        Map<?, ?> dave = (Map<?, ?>) call("network_proofOfStake", "{\"subnet\":1,\"peer_id\":\"" + davePeer + "\"}");
        assertEquals(false, dave.get("staked"));
        assertNull(dave.get("account"));
        assertEquals(RpcError.INVALID_PARAMS, error("network_proofOfStake", "[1, \"nonsense\"]"));
        assertEquals(
                RpcError.INVALID_PARAMS,
                error("network_proofOfStake", "[1, \"QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N\"]"));
        assertEquals(RpcError.INVALID_PARAMS, error("network_proofOfStake", "[1]"));
        assertEquals(NetworkMethods.NO_SUCH_SUBNET, error("network_proofOfStake", "[9, \"" + ALICE_PEER + "\"]"));
    }

    @Test
    void epochResult() throws Exception {
        Map<?, ?> epoch2 = (Map<?, ?>) call("network_getEpochResult", "[1, 2]");
        assertEquals("consensus", epoch2.get("status"));
        assertEquals(3L, epoch2.get("submissions"));
        List<?> outcomes = (List<?>) epoch2.get("nodes");
        assertEquals(3, outcomes.size());
        Map<?, ?> first = (Map<?, ?>) outcomes.get(0);
        assertEquals(true, first.get("rewardable"));
        assertEquals(10000L, first.get("score"));
        assertEquals("0", first.get("slashed"));
        Map<?, ?> payout = (Map<?, ?>) epoch2.get("payout");
        assertEquals(3, ((List<?>) payout.get("nodes")).size());
        assertTrue(!"0".equals(payout.get("paid")), payout.toString());
        Map<?, ?> epoch1 = (Map<?, ?>) call("network_getEpochResult", "{\"subnet\":1,\"epoch\":1}");
        assertEquals("too_young", epoch1.get("status"));
        assertNull(epoch1.get("payout"));
        assertTrue(json("network_getEpochResult", "[1, 1]").contains("payoutNotes"));
        assertNull(call("network_getEpochResult", "[1, 99]"));
        assertEquals(NetworkMethods.NO_SUCH_SUBNET, error("network_getEpochResult", "[5, 2]"));
        assertEquals(RpcError.INVALID_PARAMS, error("network_getEpochResult", "[1]"));
        assertEquals(RpcError.METHOD_NOT_FOUND, error("network_nope", "[]"));
    }
}

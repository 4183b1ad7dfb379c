package org.hypertensor.rpc.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Hashes;
import org.hypertensor.crypto.api.Hex;
import org.hypertensor.crypto.api.Ss58;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.internal.dispatch.Dispatcher;
import org.hypertensor.rpc.internal.dispatch.MethodRegistry;
import org.hypertensor.store.api.StateProof;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerMethodsTest {

    private static final Ed25519KeyPair ALICE = DevKeys.derive("//Alice");
    private static final Ed25519KeyPair BOB = DevKeys.derive("//Bob");
    private static final BigInteger ENDOWMENT = BigInteger.valueOf(1_000_000);
    private static final String[] NAMES = {
        "chain_getBlockHash",
        "chain_getHeader",
        "chain_getBlock",
        "chain_getFinalizedHead",
        "state_getStorage",
        "author_submitTransaction",
        "author_pendingTransactions",
        "system_chain",
        "system_version",
        "system_properties",
        "system_accountNextIndex",
        "ledger_getAccount",
        "ledger_getSupply",
        "ledger_getTransaction"
    };

    private TestLedger ledger;
    private MethodRegistry registry;
    private int id;

    @BeforeEach
    void setUp() {
        ledger = new TestLedger(ALICE.publicKey(), ENDOWMENT);
        registry = new MethodRegistry();
        registry.add(new LedgerMethods(ledger, null), Map.of(RpcMethod.NAMES, NAMES, "service.id", 1L));
        registry.add(new HealthMethod(ledger), Map.of(RpcMethod.NAMES, "system_health", "service.id", 2L));
    }

    private JsonNode call(String method, String params) throws Exception {
        String body =
                "{\"jsonrpc\":\"2.0\",\"id\":" + (++id) + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
        byte[] answer = registry.dispatcher().handle(body.getBytes(StandardCharsets.UTF_8), registry, 10);
        return Dispatcher.MAPPER.readTree(answer);
    }

    private JsonNode result(String method, String params) throws Exception {
        JsonNode answer = call(method, params);
        assertTrue(answer.has("result"), answer.toString());
        return answer.get("result");
    }

    private int errorCode(String method, String params) throws Exception {
        JsonNode answer = call(method, params);
        assertTrue(answer.has("error"), answer.toString());
        return answer.get("error").get("code").asInt();
    }

    private static SignedTransaction transfer(Ed25519KeyPair from, byte[] genesis, long nonce, long amount) {
        Call call = new Call(
                "balances",
                "transfer",
                new Encoder()
                        .fixed(BOB.publicKey())
                        .u128(BigInteger.valueOf(amount))
                        .toByteArray());
        return SignedTransaction.sign(from, genesis, nonce, BigInteger.ZERO, call);
    }

    private static String hex(SignedTransaction tx) {
        return "[\"0x" + Hex.encode(tx.encoded()) + "\"]";
    }

    @Test
    void aSubmittedTransferLandsInABlock() throws Exception {
        SignedTransaction tx = transfer(ALICE, TestLedger.GENESIS, 0, 100);
        assertEquals(
                "0x" + Hex.encode(tx.hash()),
                result("author_submitTransaction", hex(tx)).asText());
        JsonNode pending = result("author_pendingTransactions", "[]");
        assertEquals(1, pending.size());
        assertEquals(
                Ss58.encode(ALICE.publicKey()), pending.get(0).get("sender").asText());
        assertEquals("ready", pending.get(0).get("queue").asText());
        SignedTransaction waiting = transfer(ALICE, TestLedger.GENESIS, 5, 1);
        ledger.futures.add(new org.hypertensor.ledger.api.PoolEntry(
                waiting.hash(), waiting.sender(), 5, BigInteger.ONE, "balances.transfer", waiting.encodedLength()));
        JsonNode withFuture = result("author_pendingTransactions", "[]");
        assertEquals(2, withFuture.size());
        assertEquals("future", withFuture.get(1).get("queue").asText());
        assertEquals(5, withFuture.get(1).get("nonce").asLong());
        ledger.futures.clear();
        assertEquals(
                1,
                result("system_accountNextIndex", "[\"" + Ss58.encode(ALICE.publicKey()) + "\"]")
                        .asLong());

        ledger.produce();
        JsonNode included = result("ledger_getTransaction", "[\"0x" + Hex.encode(tx.hash()) + "\"]");
        assertEquals(1, included.get("blockNumber").asLong());
        assertTrue(included.get("receipt").get("success").asBoolean());
        assertEquals("balances.transfer", included.get("call").asText());
        JsonNode bob = result("ledger_getAccount", "{\"account\":\"0x" + Hex.encode(BOB.publicKey()) + "\"}");
        assertEquals("100", bob.get("free").asText());
        assertEquals(Ss58.encode(BOB.publicKey()), bob.get("address").asText());
        JsonNode block = result("chain_getBlock", "[]");
        assertEquals("0x1", block.get("block").get("header").get("number").asText());
        assertEquals(
                "0x" + Hex.encode(tx.encoded()),
                block.get("block").get("extrinsics").get(0).asText());

        ledger.bodiesFrom = 2; // block 1's body pruned (store blocks.keep): said, not shown as empty
        JsonNode pruned = result("chain_getBlock", "[]");
        assertEquals("0x1", pruned.get("block").get("header").get("number").asText());
        assertTrue(pruned.get("block").get("extrinsics").isNull());
        assertEquals(2, pruned.get("bodiesFrom").asLong());
    }

    @Test
    void eachRejectionHasItsOwnCodeAndChangesNothing() throws Exception {
        ledger.submit(transfer(ALICE, TestLedger.GENESIS, 0, 100));
        ledger.produce();
        int before = ledger.submits;
        byte[] otherChain = Hashes.blake2b256("another chain".getBytes(StandardCharsets.UTF_8));
        assertEquals(1003, errorCode("author_submitTransaction", hex(transfer(ALICE, otherChain, 1, 5))));
        byte[] forged = transfer(ALICE, TestLedger.GENESIS, 1, 5).encoded();
        forged[forged.length - 1] ^= 1;
        assertEquals(1003, errorCode("author_submitTransaction", "[\"0x" + Hex.encode(forged) + "\"]"));
        assertEquals(1004, errorCode("author_submitTransaction", hex(transfer(ALICE, TestLedger.GENESIS, 0, 5))));
        assertEquals(1005, errorCode("author_submitTransaction", hex(transfer(ALICE, TestLedger.GENESIS, 7, 5))));
        assertEquals(
                1006, errorCode("author_submitTransaction", hex(transfer(ALICE, TestLedger.GENESIS, 1, 999_999_999))));
        assertEquals(1006, errorCode("author_submitTransaction", hex(transfer(BOB, TestLedger.GENESIS, 0, 1_000))));
        assertEquals(before + 6, ledger.submits);

        JsonNode answer = call("author_submitTransaction", hex(transfer(ALICE, TestLedger.GENESIS, 1, 999_999_999)));
        assertEquals(
                "insufficient_funds",
                answer.get("error").get("data").get("reason").asText());
        assertTrue(result("author_pendingTransactions", "[]").isEmpty());
        JsonNode alice = result("ledger_getAccount", "[\"" + Ss58.encode(ALICE.publicKey()) + "\"]");
        assertEquals(
                ENDOWMENT
                        .subtract(BigInteger.valueOf(100))
                        .subtract(TestLedger.FEE)
                        .toString(),
                alice.get("free").asText());
        assertEquals(1, alice.get("nextNonce").asLong());
    }

    @Test
    void malformedInputNeverReachesTheLedger() throws Exception {
        assertEquals(1001, errorCode("author_submitTransaction", "[\"0x0102\"]"));
        byte[] valid = transfer(ALICE, TestLedger.GENESIS, 0, 5).encoded();
        byte[] trailing = java.util.Arrays.copyOf(valid, valid.length + 1);
        assertEquals(1001, errorCode("author_submitTransaction", "[\"0x" + Hex.encode(trailing) + "\"]"));
        String huge = "00".repeat(SignedTransaction.MAX_ENCODED_BYTES + 1);
        assertEquals(1002, errorCode("author_submitTransaction", "[\"0x" + huge + "\"]"));
        assertEquals(RpcError.INVALID_PARAMS, errorCode("author_submitTransaction", "[\"0xnothex\"]"));
        assertEquals(RpcError.INVALID_PARAMS, errorCode("author_submitTransaction", "[]"));
        assertEquals(RpcError.INVALID_PARAMS, errorCode("author_submitTransaction", "[12]"));
        assertEquals(RpcError.INVALID_PARAMS, errorCode("author_submitTransaction", "[\"0x00\", \"extra\"]"));
        assertEquals(0, ledger.submits);
    }

    @Test
    void blocksAndHeaders() throws Exception {
        String genesis = result("chain_getBlockHash", "[0]").asText();
        assertEquals(genesis, result("chain_getBlockHash", "[]").asText());
        assertTrue(result("chain_getBlockHash", "[99]").isNull());
        ledger.produce();
        JsonNode header = result("chain_getHeader", "[]");
        assertEquals("0x1", header.get("number").asText());
        assertEquals(genesis, header.get("parentHash").asText());
        assertEquals(
                header.get("hash").asText(),
                result("chain_getFinalizedHead", "[]").asText());
        assertEquals(
                "0x0",
                result("chain_getHeader", "[\"" + genesis + "\"]").get("number").asText());
        assertTrue(result("chain_getHeader", "[\"0x" + "11".repeat(32) + "\"]").isNull());
        assertEquals(RpcError.INVALID_PARAMS, errorCode("chain_getHeader", "[\"0x1234\"]"));
        assertEquals(RpcError.INVALID_PARAMS, errorCode("chain_getBlockHash", "[\"one\"]"));
        assertEquals(RpcError.INVALID_PARAMS, errorCode("chain_getFinalizedHead", "[1]"));
    }

    @Test
    void storageComesWithItsProof() throws Exception {
        byte[] key = "balances:x".getBytes(StandardCharsets.UTF_8);
        ledger.put(key, new byte[] {1, 2, 3});
        JsonNode stored = result("state_getStorage", "[\"0x" + Hex.encode(key) + "\"]");
        assertEquals("0x010203", stored.get("value").asText());
        StateProof proof = StateProof.decode(Hex.decode(stored.get("proof").asText()));
        assertArrayEquals(new byte[] {1, 2, 3}, proof.value());
        assertArrayEquals(key, proof.key());
        JsonNode absent = result("state_getStorage", "[\"0xabcd\"]");
        assertTrue(absent.get("value").isNull());
        assertTrue(StateProof.decode(Hex.decode(absent.get("proof").asText())).value() == null);
        assertEquals(RpcError.INVALID_PARAMS, errorCode("state_getStorage", "[\"0x" + "00".repeat(257) + "\"]"));
    }

    @Test
    void systemAndAccounts() throws Exception {
        assertEquals("Test chain", result("system_chain", "[]").asText());
        JsonNode health = result("system_health", "[]");
        assertTrue(health.get("running").asBoolean());
        assertTrue(health.get("healthy").asBoolean());
        // a validator whose key cannot be unlocked: still running (importing), not healthy, and says why
        ledger.problems.add("not producing blocks: cannot unlock 'validator': wrong password");
        health = result("system_health", "[]");
        assertTrue(health.get("running").asBoolean());
        assertFalse(health.get("healthy").asBoolean());
        assertEquals(
                "not producing blocks: cannot unlock 'validator': wrong password",
                health.get("problems").get(0).asText());
        // no ledger at all (its chain spec refused): the method is still there and says so
        registry.add(new HealthMethod(null), Map.of(RpcMethod.NAMES, "system_health", "service.id", 0L));
        health = result("system_health", "[]");
        assertFalse(health.get("running").asBoolean());
        assertEquals(HealthMethod.NO_LEDGER, health.get("problems").get(0).asText());
        assertEquals(42, result("system_properties", "[]").get("ss58Format").asInt());
        assertEquals(
                ENDOWMENT.toString(),
                result("ledger_getSupply", "[]").get("totalIssuance").asText());
        assertEquals(RpcError.INVALID_PARAMS, errorCode("ledger_getAccount", "[\"5NotAnAddress\"]"));
        assertEquals(RpcError.INVALID_PARAMS, errorCode("ledger_getAccount", "[\"0x1234\"]"));
        String address = Ss58.encode(ALICE.publicKey());
        String typo = address.substring(0, 10) + (address.charAt(10) == 'a' ? 'b' : 'a') + address.substring(11);
        assertEquals(RpcError.INVALID_PARAMS, errorCode("system_accountNextIndex", "[\"" + typo + "\"]"));
    }
}

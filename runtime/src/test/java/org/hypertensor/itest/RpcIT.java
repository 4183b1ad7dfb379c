package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hypertensor.crypto.api.DevKeys;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.ledger.api.codec.Encoder;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The rpc feature against the real ledger: JSON-RPC over a loopback socket of the node's shared HTTP server
 * (Felix HTTP Jetty 12): a signed transfer submitted with {@code author_submitTransaction} lands in a block;
 * bad transactions are refused with their own codes and change nothing; a WebSocket subscriber receives new
 * heads.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RpcIT extends RpcContainer {

    private static final Pattern RESULT_HASH = Pattern.compile("\"result\":\"(0x[0-9a-f]{64})\"");
    private static final Pattern ERROR_CODE = Pattern.compile("\"error\":\\{\"code\":(-?\\d+)");
    private static final Ed25519KeyPair ALICE = DevKeys.derive("//Alice");
    private static final byte[] BOB = DevKeys.derive("//Bob").publicKey();

    private boolean answers() {
        try {
            return rpc("system_health", "[]").contains("\"running\":true");
        } catch (Exception e) {
            return false;
        }
    }

    private Ledger start() throws Exception {
        shell("feature:install rpc");
        Ledger ledger = service(Ledger.class);
        await("blocks", () -> ledger.head().number() >= 2);
        await("the RPC endpoint", this::answers);
        return ledger;
    }

    private static String hex(SignedTransaction tx) {
        return "[\"0x" + HexFormat.of().formatHex(tx.encoded()) + "\"]";
    }

    private static SignedTransaction transfer(byte[] genesis, long nonce, BigInteger amount) {
        Call call = new Call(
                "balances", "transfer", new Encoder().fixed(BOB).u128(amount).toByteArray());
        return SignedTransaction.sign(ALICE, genesis, nonce, BigInteger.ZERO, call);
    }

    private static int code(String answer) {
        Matcher m = ERROR_CODE.matcher(answer);
        assertTrue(answer, m.find());
        return Integer.parseInt(m.group(1));
    }

    @Test
    public void aTransferSubmittedOverJsonRpcLandsInABlock() throws Exception {
        Ledger ledger = start();
        byte[] genesis = ledger.chain().genesisHash();
        BigInteger bobBefore = ledger.account(BOB).free();
        long nonce = ledger.account(ALICE.publicKey()).nextNonce();
        BigInteger amount = BigInteger.valueOf(12_345);

        String answer = rpc("author_submitTransaction", hex(transfer(genesis, nonce, amount)));
        Matcher m = RESULT_HASH.matcher(answer);
        assertTrue(answer, m.find());
        String hash = m.group(1);
        await("the transfer in a block", () -> {
            try {
                return rpc("ledger_getTransaction", "[\"" + hash + "\"]").contains("\"success\":true");
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(bobBefore.add(amount), ledger.account(BOB).free());
        String status = shell("rpc:status");
        assertTrue(status, status.contains("http://127.0.0.1:" + port()));
        String methods = shell("rpc:methods");
        assertTrue(methods, methods.contains("author_submitTransaction") && methods.contains("rpc_methods"));
    }

    @Test
    public void badTransactionsAreRefusedWithTheirOwnCodesAndChangeNothing() throws Exception {
        Ledger ledger = start();
        byte[] genesis = ledger.chain().genesisHash();
        long nonce = ledger.account(ALICE.publicKey()).nextNonce();
        int pooled = ledger.pool().size();
        byte[] otherChain = new byte[32];
        assertEquals(1003, code(rpc("author_submitTransaction", hex(transfer(otherChain, nonce, BigInteger.ONE)))));
        byte[] forged = transfer(genesis, nonce, BigInteger.ONE).encoded();
        forged[forged.length - 1] ^= 1;
        assertEquals(
                1003,
                code(rpc("author_submitTransaction", "[\"0x" + HexFormat.of().formatHex(forged) + "\"]")));
        if (nonce > 0) {
            assertEquals(
                    1004, code(rpc("author_submitTransaction", hex(transfer(genesis, nonce - 1, BigInteger.ONE)))));
        }
        assertEquals(
                1006,
                code(rpc("author_submitTransaction", hex(transfer(genesis, nonce, BigInteger.ONE.shiftLeft(127))))));
        assertEquals(1001, code(rpc("author_submitTransaction", "[\"0x0102\"]")));
        assertEquals(
                1002,
                code(rpc(
                        "author_submitTransaction",
                        "[\"0x" + "00".repeat(SignedTransaction.MAX_ENCODED_BYTES + 1) + "\"]")));
        assertEquals(-32602, code(rpc("author_submitTransaction", "[\"not hex\"]")));
        assertEquals(-32700, code(rpc("author_submitTransaction", "[\"0x00\"")));
        assertEquals(-32601, code(rpc("author_nope", "[]")));
        assertEquals(pooled, ledger.pool().size());
        assertEquals(nonce, ledger.account(ALICE.publicKey()).nextNonce());
    }

    @Test
    public void aWebSocketSubscriberReceivesNewHeads() throws Exception {
        start();
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        StringBuilder partial = new StringBuilder();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port() + "/"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            messages.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_subscribeNewHeads\"}", true);
        String subscribed = messages.poll(10, TimeUnit.SECONDS);
        assertTrue(String.valueOf(subscribed), subscribed != null && subscribed.contains("\"result\":\""));
        String head = messages.poll(10, TimeUnit.SECONDS);
        assertTrue(
                String.valueOf(head),
                head != null && head.contains("\"method\":\"chain_newHead\"") && head.contains("\"number\":\"0x"));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }
}

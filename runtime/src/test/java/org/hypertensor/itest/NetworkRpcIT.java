package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hypertensor.ledger.api.Ledger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The chain modules' {@code network_*} JSON-RPC methods over real HTTP once the rpc feature joins the running
 * chain modules (installed after them: the emissions bundle's optional RPC import is wired dynamically), and epoch
 * 2 paid at block 31 once the three genesis nodes' accounts submit their scores with {@code scores:submit} (this
 * single container serves no blocks, so no probes run here: see the verification bundle's tests).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class NetworkRpcIT extends RpcContainer {

    private static final Pattern ERROR_CODE = Pattern.compile("\"code\":(-?\\d+)");

    private boolean serves(String method) {
        try {
            return rpc("rpc_methods", "[]").contains(method);
        } catch (Exception e) {
            return false;
        }
    }

    private static int code(String answer) {
        Matcher m = ERROR_CODE.matcher(answer);
        assertTrue(answer, m.find());
        return Integer.parseInt(m.group(1));
    }

    @Test
    public void networkMethodsAnswerAndTheDevnetIsPaid() throws Exception {
        Ledger ledger = service(Ledger.class);
        await("blocks", () -> ledger.head().number() >= 2);
        shell("feature:install rpc");
        await("the network_* methods", () -> serves("network_proofOfStake"));

        String subnets = rpc("network_getSubnets", "[]");
        assertTrue(subnets, subnets.contains("\"name\":\"devnet\"") && subnets.contains("\"nodes\":3"));
        String proof = rpc("network_proofOfStake", "[1, \"" + ChainModulesIT.ALICE + "\"]");
        assertTrue(proof, proof.contains("\"staked\":true") && proof.contains("\"account\":\"5"));
        assertEquals(-32602, code(rpc("network_proofOfStake", "[1, \"nonsense\"]")));
        assertEquals(2001, code(rpc("network_getSubnet", "[42]")));

        // //Alice, //Bob, //Charlie score epoch 2 in its submission window (blocks 23..28), paid at block 31
        long window = System.nanoTime() + 90_000_000_000L;
        while (ledger.head().number() < 22) {
            assertTrue("block 22 not reached; head " + ledger.head().number(), System.nanoTime() < window);
            Thread.sleep(200);
        }
        String scores = " 1 " + ChainModulesIT.ALICE + "=10000 " + ChainModulesIT.BOB + "=10000 "
                + ChainModulesIT.CHARLIE + "=10000";
        for (String key : List.of("//Alice", "//Bob", "//Charlie")) {
            shell("scores:submit --key '" + key + "'" + scores);
        }
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (ledger.head().number() < 31) {
            assertTrue("block 31 not reached; head " + ledger.head().number(), System.nanoTime() < deadline);
            Thread.sleep(200);
        }
        String epoch2 = rpc("network_getEpochResult", "[1, 2]");
        assertTrue(
                epoch2,
                epoch2.contains("\"status\":\"consensus\"")
                        && epoch2.contains("\"paid\":\"")
                        && !epoch2.contains("\"payout\":null"));
        String last = shell("emissions:last");
        assertTrue(last, last.contains(ChainModulesIT.CHARLIE) && last.contains("10000"));
    }
}

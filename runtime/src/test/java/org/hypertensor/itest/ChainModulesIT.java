package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hypertensor.ledger.api.Ledger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The chain modules (staking, consensus, emissions) in the container on the devnet spec with one genesis subnet of
 * //Alice, //Bob, //Charlie: the shell lists them, the three submit scores through {@code scores:submit}, the epoch
 * closes in consensus and is paid; a bad call is a one-line named error.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ChainModulesIT extends NodeContainer {

    static final String ALICE = "12D3KooWHfiYgv92XJ79MSt5tLMYdLUqupQmZEwWyV6PtbxLF35A";
    static final String BOB = "12D3KooWFReWNU66DaTkYD6d6zG9kARCh59rB2TrLPqe9ndgzJYz";
    static final String CHARLIE = "12D3KooWGz3AmKDDCRkuXmhAo5aKfV1qN43gvKBCYFafbRh7gfj7";
    static final String DAVE = "12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA";

    @Override
    protected void prepareHome(Path home) throws IOException {
        String spec = Files.readString(DIST.resolve("etc/chain-devnet.json"));
        if (!spec.contains("\"staking\"")) {
            spec = spec.replace(
                    "{\"name\": \"sudo\", \"version\": 1}",
                    "{\"name\": \"sudo\", \"version\": 1},\n"
                            + "    {\"name\": \"staking\", \"version\": 1}, {\"name\": \"consensus\", \"version\": 1},"
                            + " {\"name\": \"emissions\", \"version\": 1}");
            spec = spec.replace(
                    "\"genesis\": {",
                    "\"genesis\": {\n    \"staking\": {\"subnets\": [{\"name\": \"devnet\","
                            + " \"model\": \"devnet-tiny\", \"nodes\": [" + node("//Alice", ALICE, 30333) + ", "
                            + node("//Bob", BOB, 30334) + ", " + node("//Charlie", CHARLIE, 30335) + "]}]},");
        }
        Files.writeString(home.resolve("etc/chain-devnet.json"), spec);
        Files.writeString(home.resolve("etc/org.hypertensor.ledger.cfg"), "validator.key = //Alice\n");
    }

    private static String node(String account, String peer, int port) {
        return "{\"account\": \"" + account + "\", \"peer_id\": \"" + peer + "\", \"multiaddr\": \"/ip4/127.0.0.1/tcp/"
                + port + "\", \"stake\": \"1000 TENSOR\"}";
    }

    @Override
    protected List<String> systemBundles() {
        return CHAIN_BUNDLES;
    }

    private static void awaitBlock(Ledger ledger, long block) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (ledger.head().number() < block) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("block " + block + " not reached; head "
                        + ledger.head().number() + ", status " + ledger.status());
            }
            Thread.sleep(100);
        }
    }

    @Test
    public void anEpochClosesInConsensusAndIsPaid() throws Exception {
        Ledger ledger = service(Ledger.class);
        awaitBlock(ledger, 1);
        String list = shell("subnet:list");
        assertTrue(list, list.contains("devnet") && list.contains("422ca34e7f01"));
        String show = shell("subnet:show 1");
        assertTrue(show, show.contains(ALICE) && show.contains(CHARLIE));
        assertTrue(shell("stake:show '//Bob'"), shell("stake:show '//Bob'").contains("1000 TENSOR"));
        // the first epoch with room for three submissions: r = 2 at least, scores from block 20
        long head = ledger.head().number();
        long epoch = Math.max(2, head / 10 + (head % 10 > 4 ? 1 : 0));
        awaitBlock(ledger, epoch * 10 + 2);
        String scores = ALICE + "=5000 " + BOB + "=5000 " + CHARLIE + "=4000";
        for (String who : List.of("//Alice", "//Bob", "//Charlie")) {
            String out = shell("scores:submit --key '" + who + "' 1 " + scores);
            assertTrue(out, out.contains("included in block"));
        }
        String again = shellError("scores:submit --key '//Alice' 1 " + scores);
        assertTrue(again, again.contains("AlreadySubmitted"));
        assertFalse(again, again.contains("\n"));
        String running = shell("scores:show 1 " + epoch);
        assertTrue(running, running.contains("submissions so far"));
        awaitBlock(ledger, (epoch + 1) * 10 + 1);
        String result = shell("scores:show 1 " + epoch);
        assertTrue(result, result.contains("CONSENSUS") && result.contains("4000"));
        String last = shell("emissions:last");
        assertTrue(last, last.contains(CHARLIE) && last.contains("10000"));
        assertTrue(shell("emissions:vault"), shell("emissions:vault").contains("carried over"));
        assertEquals(
                1, ledger.query(ctx -> ctx.parameter("MinNodes") == 3 ? 1 : 0).intValue());
    }

    @Test
    public void callErrorsAreOneNamedLine() throws Exception {
        Ledger ledger = service(Ledger.class);
        awaitBlock(ledger, 1);
        String e = shellError("stake:add --key '//Dave' 1 5");
        assertTrue(e, e.contains("NotRegistered"));
        assertFalse(e, e.contains("\n"));
        assertTrue(shellError("stake:register-node --key '//Dave' 1 nonsense /ip4/1.2.3.4/tcp/1 1000")
                .contains("InvalidPeerId"));
        assertTrue(shellError("stake:register-node 1").contains("usage"));
        assertTrue(shellError("subnet:show 42").contains("no subnet 42"));
        assertTrue(shellError("stake:show nonsense").length() > 0);
        assertTrue(shell("stake:unbonding"), shell("stake:unbonding").contains("RELEASE AT"));
        // amounts in errors are TENSOR, not base units
        String low = shellError("stake:register-node --key '//Dave' 1 " + DAVE + " /ip4/127.0.0.1/tcp/30336 1");
        assertTrue(low, low.contains("StakeBelowMinimum") && low.contains("is below MinStake 1000 TENSOR"));
        assertFalse(low, low.contains("000000000000000000"));
        String block = shell("ledger:block 1");
        assertTrue(block, block.matches("(?s).*timestamp\\s+20\\d\\d-\\d\\d-\\d\\dT[0-9:.]+Z.*"));
    }

    @Test
    public void registeringASubnetPrintsItsIdAndTheTransactionOnce() throws Exception {
        Ledger ledger = service(Ledger.class);
        awaitBlock(ledger, 1);
        shell("subnet:activate second");
        String out = shell("subnet:register --key '//Bob' second devnet-tiny");
        assertTrue(out, out.matches("(?s).*subnet id\\s+2\\b.*"));
        assertTrue(out, out.matches("(?s).*outcome\\s+included in block \\d+\\s*(\\n.*)?"));
        assertEquals(out, 1, out.split("0x", -1).length - 1);
    }
}

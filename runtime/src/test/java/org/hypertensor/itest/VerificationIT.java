package org.hypertensor.itest;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The verification feature in the container on the devnet chain, as //Alice's node (its account key and p2p
 * identity; its inference server off): until the devnet model is there the verifier says it cannot check and
 * submits nothing; once {@code model:generate devnet small} made it, a round finds that //Bob's and //Charlie's
 * nodes announce no blocks (nobody serves here), scores every node 1 and submits through the pool; {@code
 * scores:evidence} stays empty.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VerificationIT extends NodeContainer {

    @Override
    protected void prepareHome(Path home) throws IOException {
        Files.copy(DIST.resolve("etc/chain-devnet.json"), home.resolve("etc/chain-devnet.json"));
        Files.writeString(home.resolve("etc/org.hypertensor.ledger.cfg"), "validator.key = //Alice\n");
        Files.writeString(
                home.resolve("etc/org.hypertensor.p2p.cfg"),
                "listen = /ip4/127.0.0.1/tcp/0\nidentity.dev.uri = //Alice//p2p\n");
        Files.writeString(home.resolve("etc/org.hypertensor.inference.net.server.cfg"), "enabled = false\n");
        Files.writeString(
                home.resolve("etc/org.hypertensor.verification.cfg"), "account.key = //Alice\nprobe.spread.bp = 100\n");
    }

    @Test
    public void theVerifierSaysWhatItCannotCheckThenSubmits() throws Exception {
        shell("feature:install chain-modules"); // the devnet spec's modules, emissions included
        shell("feature:install verification");
        // the feature starts a ledger, p2p, the DHT, engines and the inference client: give it time on a busy machine
        long start = System.nanoTime() + 90_000_000_000L;
        while (!commandWorks("scores:probes")) {
            assertTrue("no scores:probes; node:status says " + shell("node:status"), System.nanoTime() < start);
            Thread.sleep(500);
        }
        String on = shell("scores:probes");
        assertTrue(on, on.contains("probing as //Alice"));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!shell("scores:probes").contains("not submitted: no model to verify with")) {
            assertTrue(shell("scores:probes"), System.nanoTime() < deadline);
            Thread.sleep(500);
        }
        shell("model:generate devnet small");
        while (!shell("scores:probes").contains("(submitted, 2 probes)")) {
            assertTrue(shell("scores:probes"), System.nanoTime() < deadline);
            Thread.sleep(500);
        }
        String probes = shell("scores:probes");
        assertTrue(probes, probes.contains("NOT_SERVING") && probes.contains("announces no blocks"));
        assertTrue(probes, probes.contains(ChainModulesIT.BOB) && probes.contains(ChainModulesIT.CHARLIE));
        String evidence = shell("scores:evidence");
        assertTrue(evidence, evidence.contains("SIGNATURE") && !evidence.contains(ChainModulesIT.BOB));
    }
}

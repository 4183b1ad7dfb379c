package org.hypertensor.itest;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.hypertensor.ledger.api.Ledger;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Issue 15: a config file of random bytes present at a node's very first start, when no good copy of it
 * exists yet, must not let its component start on guessed defaults: the component is held until the file
 * is corrected.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigFirstStartIT extends NodeContainer {

    @Override
    protected void prepareHome(Path home) throws IOException {
        Files.copy(DIST.resolve("etc/chain-devnet.json"), home.resolve("etc/chain-devnet.json"));
        byte[] garbage = new byte[2048];
        new Random(1515).nextBytes(garbage);
        Files.write(home.resolve("etc/org.hypertensor.ledger.cfg"), garbage);
    }

    @Override
    protected List<String> systemBundles() {
        return CHAIN_BUNDLES;
    }

    @Test
    public void aBadFileAtFirstStartHoldsItsComponentUntilCorrected() throws Exception {
        await("the ledger held", () -> logs().contains("not started: etc/org.hypertensor.ledger.cfg was refused"));
        assertTrue(logs().contains("Config file etc/org.hypertensor.ledger.cfg refused"));
        // SCR disables asynchronously: a ledger activated by FileInstall's first scan goes away
        await("no ledger on guessed defaults", () -> context().getServiceReference(Ledger.class) == null);
        String refused = shell("node:status");
        assertTrue(refused, refused.contains("etc/org.hypertensor.ledger.cfg"));

        writeAtomically(
                home().resolve("etc/org.hypertensor.ledger.cfg"),
                "validator.key = //Alice\n".getBytes(StandardCharsets.UTF_8));
        // enabling the component and Config Admin's event about the new file may restart it once: look it up
        await("blocks once the file is good", ConfigFirstStartIT::producing);
        String status = shell("node:status");
        assertTrue(status, !status.contains("etc/org.hypertensor.ledger.cfg"));
        // issue 16: node:status names the chain and its genesis hash
        String genesis = "0x"
                + java.util.HexFormat.of()
                        .formatHex(service(Ledger.class).chain().genesisHash());
        assertTrue(status, status.matches("(?s).*genesis\\s+" + genesis + ".*"));
    }

    private static boolean producing() {
        try {
            return service(Ledger.class).head().number() >= 1;
        } catch (IllegalStateException closedByARestart) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String logs() {
        try {
            return shell("node:logs -n 500 -l WARN");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

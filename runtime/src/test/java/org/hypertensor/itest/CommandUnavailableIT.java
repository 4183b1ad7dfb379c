package org.hypertensor.itest;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** A ledger that cannot start (a broken chain spec): its commands say why instead of "Command not found". */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CommandUnavailableIT extends NodeContainer {

    @Override
    protected void prepareHome(Path home) throws IOException {
        Files.writeString(home.resolve("etc/chain-devnet.json"), "{ \"name\": \"broken\"");
    }

    @Override
    protected List<String> systemBundles() {
        return CHAIN_BUNDLES;
    }

    @Test
    public void aCommandWhoseServiceFailedSaysWhy() throws Exception {
        await("ledger:head answers", () -> {
            try {
                return shellError("ledger:head").contains("not available");
            } catch (Exception e) {
                return false;
            }
        });
        String error = shellError("ledger:head");
        assertTrue(error, error.startsWith("ledger:head is not available: the ledger did not start: "));
        assertTrue(error, !error.contains("\n"));
        String help = shell("node:help");
        assertTrue(help, help.matches("(?s).*ledger:head\\s+\\(not available now.*"));
        assertTrue(shell("node:status").contains("waiting for"));
    }
}

package org.hypertensor.itest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TAB completes names in the interactive console (a real pseudo-terminal, as in {@link ConsoleIT}): a feature
 * after {@code feature:install}, a dev account after {@code ledger:balance}. What JLine completed is what runs,
 * so the history file shows it.
 */
class CompletionIT {

    private static final String PROMPT = "hypertensor> ";

    @Test
    void tabCompletesFeaturesAndDevAccounts(@TempDir Path home) throws Exception {
        Process node = ConsoleIT.devnet(home);
        Screen screen = new Screen(node.getInputStream(), Duration.ofSeconds(90));
        try (OutputStream keys = node.getOutputStream()) {
            screen.await("the first prompt", PROMPT, 0);
            // the account first: installing a feature restarts the ledger's commands for a moment
            int mark = type(keys, "ledger:balance Al\t\r", screen);
            screen.await("Alice's balance", "TENSOR", mark);
            screen.await("the next prompt", PROMPT, screen.text().indexOf("TENSOR", mark));
            mark = type(keys, "feature:install engine-j\t\r", screen);
            screen.await("the completed feature installed", "BUNDLE INSTALLED", mark);
            screen.await("the next prompt", PROMPT, screen.text().indexOf("BUNDLE INSTALLED", mark));
            type(keys, "node:shutdown\r", screen);
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node:shutdown did not stop the node:\n" + screen.text());
        } finally {
            node.destroyForcibly();
        }
        String history = Files.readString(home.resolve("data/shell.history"), StandardCharsets.UTF_8);
        assertTrue(history.contains("feature:install engine-java"), history);
        assertTrue(history.contains("ledger:balance Alice"), history);
    }

    private static int type(OutputStream keys, String text, Screen screen) throws IOException, InterruptedException {
        Thread.sleep(500); // as a person types, after the prompt: JLine drops keys sent while it changes modes
        int mark = screen.length();
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        return mark;
    }
}

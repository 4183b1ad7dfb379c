package org.hypertensor.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive console as an operator meets it: {@code hypertensor devnet} on a real pseudo-terminal
 * (util-linux {@code script} allocates it; keys are written to it as typed). Checks the native terminal,
 * Ctrl-C interrupting only the running command, history in the node's home, a quiet console, a prompt
 * only once the launch features' commands are there, and {@code node:shutdown}.
 */
class ConsoleIT {

    private static final Path LAUNCHER =
            NodeContainer.DIST.resolve("bin/hypertensor").toAbsolutePath();
    private static final String PROMPT = "hypertensor> ";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void theConsoleIsARealTerminalWhereCtrlCInterruptsOnlyTheCommand(@TempDir Path home) throws Exception {
        Process node = devnet(home);
        Screen screen = new Screen(node.getInputStream(), WAIT);
        try (OutputStream keys = node.getOutputStream()) {
            screen.await("the first prompt", PROMPT, 0);
            // the prompt comes once the launch features are in: their commands answer at once
            run(keys, screen, "ledger:head", "genesis");
            run(keys, screen, "echo ${.terminal}", "PosixSysTerminal");

            int mark = type(keys, screen, "sleep 60\r");
            // JLine has read the line once it turns bracketed paste off; then the command runs
            screen.await("the line read", "\u001b[?2004l", mark);
            Thread.sleep(500);
            // Ctrl-C until the command says it was interrupted (one sent before the command started
            // running would only clear the line; one while it starts interrupts it before Thread.sleep, which
            // then has no "sleep interrupted" message)
            for (int tries = 0; !screen.shows("InterruptedException", mark); tries++) {
                assertTrue(tries < 30, "Ctrl-C never interrupted the command:\n" + screen.text());
                keys.write(3);
                keys.flush();
                screen.awaitQuietly("InterruptedException", mark, Duration.ofSeconds(2));
            }
            screen.await(
                    "a prompt after the interrupted command",
                    PROMPT,
                    screen.text().indexOf("InterruptedException", mark));
            keys.write(3); // Ctrl-C at an idle prompt
            keys.flush();
            run(keys, screen, "echo ($.context property hypertensor.home)", home.toString());
            assertTrue(node.isAlive(), "Ctrl-C stopped the node:\n" + screen.text());

            type(keys, screen, "node:shutdown\r");
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node:shutdown did not stop the node:\n" + screen.text());
            assertEquals(0, node.exitValue(), screen.text());
        } finally {
            node.destroyForcibly();
        }
        String shown = screen.text();
        assertFalse(shown.contains(" INFO  ["), "INFO lines reached the interactive console:\n" + shown);
        assertFalse(shown.contains("DumbTerminal"), shown);
        String history = Files.readString(home.resolve("data/shell.history"), StandardCharsets.UTF_8);
        assertTrue(history.contains("sleep 60") && history.contains("ledger:head"), history);
    }

    /**
     * {@code hypertensor devnet} on a pseudo-terminal (skips the test without util-linux {@code script}), with no
     * network features: a test must not take the devnet's fixed ports.
     */
    static Process devnet(Path home) throws IOException {
        return Pty.start(
                LAUNCHER + " devnet --home " + home,
                Map.of("JAVA_OPTS", "-Dhypertensor.features.devnet=validator,chain-modules"));
    }

    /** Types a command line at a prompt, waits for what it must show and for the next prompt. */
    private static void run(OutputStream keys, Screen screen, String line, String expected) throws Exception {
        int mark = type(keys, screen, line + "\r");
        screen.await("the answer to " + line, expected, mark);
        // JLine discards what is typed before it reads again: wait for the next prompt
        screen.await("the prompt after " + line, PROMPT, screen.text().indexOf(expected, mark));
    }

    private static int type(OutputStream keys, Screen screen, String text) throws IOException, InterruptedException {
        // typed as a person does, a moment after the prompt: keys that reach the terminal while JLine
        // switches it back to raw mode are discarded
        Thread.sleep(500);
        int mark = screen.length();
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        return mark;
    }
}

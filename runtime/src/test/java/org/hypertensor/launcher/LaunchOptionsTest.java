package org.hypertensor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void runJoinsItsCommands() {
        LaunchOptions o = LaunchOptions.parse("run", "-c", "node:status", "--home", "/tmp/n", "-c", "feature:list");
        assertEquals(LaunchOptions.Mode.RUN, o.mode());
        assertEquals("node:status ; feature:list", o.commands());
        assertEquals(Path.of("/tmp/n"), o.home());
        assertNull(o.network());
    }

    @Test
    void clientTakesOptionalCommands() {
        LaunchOptions shell = LaunchOptions.parse("client", "--home", "/tmp/n");
        assertEquals(LaunchOptions.Mode.CLIENT, shell.mode());
        assertNull(shell.commands());
        assertEquals(
                "ledger:head",
                LaunchOptions.parse("client", "-c", "ledger:head").commands());
    }

    @Test
    void devnetImpliesTheDevnetNetwork() {
        assertEquals("devnet", LaunchOptions.parse("devnet").network());
        assertEquals(
                "testnet", LaunchOptions.parse("start", "--network", "testnet").network());
        assertEquals(LaunchOptions.Mode.HELP, LaunchOptions.parse().mode());
    }

    @Test
    void versionHasTheUsualSpellings() {
        for (String spelling : new String[] {"--version", "-V", "version"}) {
            assertEquals(
                    LaunchOptions.Mode.VERSION, LaunchOptions.parse(spelling).mode(), spelling);
        }
    }

    @Test
    void mistakesAreExplained() {
        assertEquals(
                "unknown command 'launch'",
                assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("launch"))
                        .getMessage());
        assertEquals(
                "run needs -c \"COMMANDS\"",
                assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("run"))
                        .getMessage());
        assertEquals(
                "--home needs a value",
                assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("devnet", "--home"))
                        .getMessage());
        assertEquals(
                "-c is only for run and client",
                assertThrows(IllegalArgumentException.class, () -> LaunchOptions.parse("devnet", "-c", "x"))
                        .getMessage());
    }
}

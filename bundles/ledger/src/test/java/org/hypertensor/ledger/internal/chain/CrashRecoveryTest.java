package org.hypertensor.ledger.internal.chain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real node process (SIGKILL, no shutdown hooks) at random moments while it commits blocks,
 * reopens its database and checks: the head is the last committed block or the one after, the state
 * rebuilt from the database has the head's state root, the issuance invariant holds and the chain goes
 * on. {@code -Dcrash.rounds=100} for the long run.
 */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void resumesAtTheLastCommittedBlockAfterKill9() throws Exception {
        int rounds = Integer.getInteger("crash.rounds", 4);
        Random random = new Random(Long.getLong("crash.seed", 11));
        Path db = dir.resolve("node");
        for (int round = 0; round < rounds; round++) {
            Process worker = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            CrashWorker.class.getName(),
                            db.toString())
                    .redirectError(dir.resolve("worker.err").toFile())
                    .start();
            long lastReported = -1;
            int blocksBeforeKill = 1 + random.nextInt(6);
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                int seen = 0;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("committed ")) {
                        lastReported = Long.parseLong(line.substring(10));
                        if (++seen == blocksBeforeKill) {
                            // land the kill somewhere inside the next block's work
                            Thread.sleep(random.nextInt(40));
                            break;
                        }
                    }
                }
            }
            worker.destroyForcibly();
            assertTrue(worker.waitFor(20, TimeUnit.SECONDS), "worker did not die");
            if (lastReported < 0) {
                throw new AssertionError("round " + round + ": the worker committed nothing; its stderr: "
                        + java.nio.file.Files.readString(dir.resolve("worker.err")));
            }
            try (LocalChain chain = TestChains.open(db)) {
                long head = chain.head().number();
                assertTrue(
                        head == lastReported || head == lastReported + 1,
                        "round " + round + ": head " + head + " after last reported commit " + lastReported);
                assertArrayEquals(
                        chain.head().stateRoot(),
                        chain.chain().state().root(),
                        "round " + round + ": state root of the database differs from the head's");
                chain.assertInvariants();
                chain.produceBlock();
            }
        }
    }
}

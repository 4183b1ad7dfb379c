package org.hypertensor.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.store.api.BlockRecord;
import org.hypertensor.store.api.ChainStore;
import org.hypertensor.store.api.StoreException;
import org.hypertensor.store.internal.DerbyChainStoreFactory;
import org.hypertensor.store.internal.state.StateSnapshot;
import org.hypertensor.store.internal.state.TrieOverlay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a JVM that commits blocks in a loop with SIGKILL ({@code destroyForcibly}) at random moments, then reopens
 * the store: the head is a complete block, no reported commit is lost, and the state (whose table the store checks
 * against the head's recorded root at open) equals an in-memory replay of blocks 0..head.
 * {@code -Dstore.crash.iterations=N} (default 6) sets the number of kills; archive mode runs
 * {@code -Dstore.crash.archiveIterations=N} (default 3) more, each also checking an older state read from the history
 * rows against a replay.
 */
class CrashRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void survivesKillNine() throws Exception {
        killAndReopen(Integer.getInteger("store.crash.iterations", 6), false);
    }

    @Test
    void survivesKillNineInArchiveMode() throws Exception {
        killAndReopen(Integer.getInteger("store.crash.archiveIterations", 3), true);
    }

    private void killAndReopen(int iterations, boolean archive) throws Exception {
        StoreOptions options = CrashWorker.options(archive);
        Random random = new Random(Long.getLong("store.crash.seed", System.nanoTime()));
        long lastHead = -1;
        int midCommit = 0;
        for (int i = 0; i < iterations; i++) {
            AtomicLong reported = new AtomicLong(-2);
            Process worker = start(archive);
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> read(worker, reported, output));
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (reported.get() < lastHead + 1 && worker.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5); // at least one new commit before the kill
            }
            if (!worker.isAlive()) {
                reader.join(5_000);
                fail("worker exited with " + worker.exitValue() + ": " + output);
            }
            if (i == 0) {
                StoreException inUse =
                        assertThrows(StoreException.class, () -> new DerbyChainStoreFactory(options).open(dir));
                assertTrue(inUse.getMessage().contains("in use by another process"), inUse.getMessage());
            }
            Thread.sleep(random.nextInt(400));
            worker.destroyForcibly();
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
            reader.join(5_000);
            long committed = reported.get();
            try (ChainStore store = new DerbyChainStoreFactory(options).open(dir)) {
                BlockRecord head = store.head().orElseThrow();
                assertTrue(
                        head.number() >= committed,
                        "head #" + head.number() + " lost the reported commit #" + committed);
                assertTrue(head.number() <= committed + 1, "head #" + head.number() + " after reported #" + committed);
                midCommit += head.number() == committed + 1 ? 1 : 0;
                BlockRecord expected = CrashWorker.block(head.number());
                assertArrayEquals(expected.body(), head.body());
                assertEquals(CrashWorker.TXS_PER_BLOCK, head.txHashes().size());
                assertTrue(store.transaction(expected.txHashes().get(CrashWorker.TXS_PER_BLOCK - 1))
                        .isPresent());
                TrieOverlay atHead = replay(head.number());
                assertArrayEquals(atHead.root(), store.state().root(), "state of block #" + head.number());
                for (int k = 0; k < 20_000; k += 499) { // values too: the rows may have been written behind the kill
                    byte[] key = ("acct/" + k).getBytes(StandardCharsets.UTF_8);
                    assertArrayEquals(atHead.get(key), store.state().get(key), "acct/" + k + " at the head");
                }
                if (archive) {
                    long m = random.nextInt((int) head.number() + 1);
                    TrieOverlay replayed = replay(m);
                    var old = store.stateAt(m).orElseThrow(() -> new AssertionError("archive keeps #" + m));
                    assertArrayEquals(replayed.root(), old.root(), "state of block #" + m);
                    assertEquals(replayed.size(), old.size());
                    for (int k = 0; k < 20_000; k += 997) {
                        byte[] key = ("acct/" + k).getBytes(StandardCharsets.UTF_8);
                        assertArrayEquals(replayed.get(key), old.get(key), "acct/" + k + " at #" + m);
                    }
                }
                lastHead = head.number();
            }
        }
        System.out.println("CrashRecoveryTest" + (archive ? " (archive)" : "") + ": " + iterations + " kills, head #"
                + lastHead + ", " + midCommit + " killed after the commit but before it was reported");
    }

    private static TrieOverlay replay(long head) {
        TrieOverlay overlay = StateSnapshot.EMPTY.overlay();
        for (long n = 0; n <= head; n++) {
            CrashWorker.apply(n, overlay);
        }
        return overlay;
    }

    /**
     * With {@code blocks.keep = 2} and every block finalized, kills land in the middle of body pruning too: after each
     * reopen every block below {@code bodies_from} has no body and no indexed transaction, every one from it on has
     * both whole, and pruning resumes up to the finalized head's N-th block.
     */
    @Test
    void bodyPruningSurvivesKillNine() throws Exception {
        int keep = 2;
        StoreOptions options = StoreTests.TINY.withBlocksKeep(keep);
        Random random = new Random(Long.getLong("store.crash.seed", System.nanoTime()));
        long lastHead = -1;
        for (int i = 0; i < 3; i++) {
            AtomicLong reported = new AtomicLong(-2);
            Process worker = start(false, Integer.toString(keep));
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> read(worker, reported, output));
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (reported.get() < lastHead + 3 && worker.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5); // a few new blocks, so there is pruning to interrupt
            }
            if (!worker.isAlive()) {
                reader.join(5_000);
                fail("worker exited with " + worker.exitValue() + ": " + output);
            }
            Thread.sleep(random.nextInt(300));
            worker.destroyForcibly();
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS));
            reader.join(5_000);
            try (ChainStore store = new DerbyChainStoreFactory(options).open(dir)) {
                long head = store.head().orElseThrow().number();
                long from = store.bodiesFrom();
                long finalized = store.finalizedHead().orElseThrow().number();
                assertTrue(from <= Math.max(0, finalized - keep + 1), "pruned #" + from + " beyond finality");
                assertBodies(store, from, head);
                long deadlineIdle = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!((DerbyChainStore) store).backgroundIdle()) {
                    assertTrue(System.nanoTime() < deadlineIdle, "pruning did not resume");
                    Thread.sleep(10);
                }
                assertEquals(Math.max(0, finalized - keep + 1), store.bodiesFrom(), "pruning resumed at open");
                assertBodies(store, store.bodiesFrom(), head);
                lastHead = head;
            }
        }
    }

    private static void assertBodies(ChainStore store, long from, long head) {
        for (long n = 0; n <= head; n++) {
            BlockRecord stored = store.blockByNumber(n).orElseThrow();
            BlockRecord expected = CrashWorker.block(n);
            assertArrayEquals(expected.header(), stored.header(), "header of #" + n);
            byte[] lastTx = expected.txHashes().get(CrashWorker.TXS_PER_BLOCK - 1);
            if (n < from) {
                assertEquals(0, stored.body().length, "body of #" + n + " below bodies_from #" + from);
                assertTrue(stored.txHashes().isEmpty());
                assertTrue(store.transaction(lastTx).isEmpty(), "indexed transaction of pruned #" + n);
            } else {
                assertArrayEquals(expected.body(), stored.body(), "body of #" + n + " from bodies_from #" + from);
                assertEquals(CrashWorker.TXS_PER_BLOCK, stored.txHashes().size());
                assertTrue(store.transaction(lastTx).isPresent(), "indexed transaction of #" + n);
            }
        }
    }

    private Process start(boolean archive, String... extra) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                CrashWorker.class.getName(),
                dir.toString(),
                archive ? "archive" : "pruned"));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        Files.createDirectories(dir);
        return pb.start();
    }

    private static void read(Process worker, AtomicLong reported, StringBuilder output) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("committed ")) {
                    reported.set(Long.parseLong(line.substring(10)));
                } else if (line.startsWith("opened ")) {
                    reported.compareAndSet(-2, Long.parseLong(line.substring(7)));
                } else if (output.length() < 4000) {
                    output.append(line).append('\n');
                }
            }
        } catch (java.io.IOException e) {
            // the process was killed
        }
    }
}

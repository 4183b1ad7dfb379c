package org.hypertensor.engine.java.internal.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The spinning worker pool: every index exactly once, blocks claimed dynamically, failures rethrown, concurrent
 * callers, close.
 */
class ParallelTest {

    private static int[] counts(Parallel p, int n, int grain) {
        int[] hits = new int[n];
        p.forRange(n, grain, (from, to) -> {
            for (int i = from; i < to; i++) {
                hits[i]++;
            }
        });
        return hits;
    }

    @Test
    void everyIndexRunsExactlyOnceAcrossManyHandOffs() {
        try (Parallel p = new Parallel(2)) {
            for (int round = 0; round < 1_000; round++) {
                int n = 1 + round % 97;
                int[] expected = new int[n];
                java.util.Arrays.fill(expected, 1);
                assertArrayEquals(expected, counts(p, n, 1 + round % 5), "round " + round);
            }
        }
    }

    @Test
    void aFailingChunkIsRethrownAndThePoolStaysUsable() {
        try (Parallel p = new Parallel(2)) {
            IllegalArgumentException worker = assertThrows(
                    IllegalArgumentException.class,
                    () -> p.forRange(10, 1, (f, t) -> {
                        if (f > 0) {
                            throw new IllegalArgumentException("worker chunk " + f);
                        }
                    }));
            assertTrue(worker.getMessage().startsWith("worker chunk "), worker.getMessage());
            assertThrows(
                    IllegalStateException.class,
                    () -> p.forRange(10, 1, (f, t) -> {
                        if (f == 0) {
                            throw new IllegalStateException("caller chunk");
                        }
                    }));
            assertEquals(10, java.util.Arrays.stream(counts(p, 10, 1)).sum());
        }
    }

    /**
     * The block with index 0 cannot finish until three quarters of the loop have: with blocks claimed from a shared
     * counter (the first one an eighth of the loop), the thread that holds it waits while the other thread runs the
     * rest. With a fixed split into halves the other thread could do only half, and the deadline would fail the test.
     */
    @Test
    void theOtherThreadTakesTheRestWhileOneBlockWaits() {
        try (Parallel p = new Parallel(2)) {
            int n = 64;
            AtomicInteger finished = new AtomicInteger();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            p.forRange(n, 1, (from, to) -> {
                if (from == 0) {
                    while (finished.get() < n * 3 / 4) {
                        assertTrue(System.nanoTime() < deadline, "the other blocks were not run while block 0 waited");
                        Thread.onSpinWait();
                    }
                }
                finished.addAndGet(to - from);
            });
            assertEquals(n, finished.get());
        }
    }

    /** Blocks are whole grains (the decode kernels take four rows at a time), only the last one may be shorter. */
    @Test
    void blocksAreWholeGrains() {
        try (Parallel p = new Parallel(2)) {
            for (int n : new int[] {17, 100, 1280, 4099}) {
                List<int[]> blocks = java.util.Collections.synchronizedList(new ArrayList<>());
                p.forRange(n, 16, (from, to) -> blocks.add(new int[] {from, to}));
                int covered = 0;
                for (int[] b : blocks) {
                    assertEquals(0, b[0] % 16, n + ": block starts at " + b[0]);
                    assertTrue(b[1] == n || (b[1] - b[0]) % 16 == 0, n + ": block " + b[0] + ".." + b[1]);
                    covered += b[1] - b[0];
                }
                assertEquals(n, covered);
            }
        }
    }

    @Test
    void concurrentCallersAllComplete() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (Parallel p = new Parallel(2)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                results.add(callers.submit(() -> {
                    int total = 0;
                    for (int r = 0; r < 500; r++) {
                        total += java.util.Arrays.stream(counts(p, 64, 4)).sum();
                    }
                    return total;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(500 * 64, f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }
    }

    private static boolean workerParked() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("engine-java") && t.getState() == Thread.State.WAITING);
    }

    @Test
    void aParkedWorkerWakesForTheNextHandOff() throws Exception {
        try (Parallel p = new Parallel(2)) {
            assertEquals(8, java.util.Arrays.stream(counts(p, 8, 1)).sum());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!workerParked()) { // it spins for SPIN_NANOS, then parks
                assertTrue(System.nanoTime() < deadline, "the idle worker never parked");
                Thread.sleep(1);
            }
            assertEquals(8, java.util.Arrays.stream(counts(p, 8, 1)).sum());
        }
    }
}

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
import org.junit.jupiter.api.Test;

/** The spinning worker pool: every index exactly once, failures rethrown, concurrent callers, close. */
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
            assertEquals("worker chunk 5", worker.getMessage());
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

package org.hypertensor.bft.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.hypertensor.bft.sim.Cluster;
import org.hypertensor.bft.sim.Cluster.Role;

/**
 * Heights per second of the 4-validator simulation (real machines, drivers, Ed25519 signatures and
 * verification, gossip relay with a seen-cache; a virtual clock, so no waiting): how fast the pure core
 * decides when nothing else costs. A harness, not a test: see docs/bft.md. Arguments: heights per run
 * (default 2000), loss percent (default 0), runs (default 3).
 */
public final class SimulationBench {

    private SimulationBench() {}

    public static void main(String[] args) {
        int heights = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int loss = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(
                "JVM %s, %d available processors; 4 validators, %d heights per run, %d%% loss%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), heights, loss);
        run(Math.max(50, heights / 10), loss, 999, threads, "warm-up (discarded)");
        for (int r = 1; r <= runs; r++) {
            run(heights, loss, r, threads, "run " + r);
        }
    }

    private static void run(int heights, int loss, long seed, ThreadMXBean threads, String label) {
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Cluster cluster = new Cluster(seed, loss, List.of(Role.HONEST, Role.HONEST, Role.HONEST, Role.HONEST));
        boolean done = cluster.runUntilHeight(heights, Long.MAX_VALUE / 4);
        long wall = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        if (!done || !cluster.conflicts().isEmpty() || !cluster.violations().isEmpty()) {
            throw new AssertionError("the simulation failed: " + cluster.conflicts() + cluster.violations());
        }
        System.out.printf(
                "%-20s %7.0f heights/s wall, %7.0f heights/s CPU, %.1f ms virtual per height, %d deliveries%n",
                label,
                heights / (wall / 1e9),
                heights / (cpu / 1e9),
                cluster.loop().now() / (double) heights,
                cluster.network().delivered());
    }
}

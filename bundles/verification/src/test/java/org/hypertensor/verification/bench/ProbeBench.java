package org.hypertensor.verification.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.verification.internal.LoopbackSubnet;
import org.hypertensor.verification.internal.probe.Outcome;
import org.hypertensor.verification.internal.probe.ProbeReport;
import org.hypertensor.verification.internal.score.EpochVerifier;
import org.hypertensor.verification.internal.score.Round;

/**
 * Benchmark (not a test): the cost of one epoch's probes on a subnet of N nodes on loopback, every node serving
 * blocks of the devnet model (small, 4 blocks) and probing the N-1 others, on a real chain. Measures the process
 * CPU time from the epoch's first block to the last node's submission (probers and the probed servers, all in
 * this one JVM, less the CPU time of producing the same 4 blocks without probes) per node, the probe bytes each node sends, and the share of a
 * devnet epoch (10 blocks of 1 s) that CPU time is. Args: N... (default 4 16). Run: see docs/benchmarks.md.
 */
public final class ProbeBench {

    private ProbeBench() {}

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(4, 16);
        }
        for (int n : sizes) {
            run(n);
        }
    }

    static void run(int nodes) throws Exception {
        List<BlockRange> ranges = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ranges.add(
                    nodes == 4
                            ? List.of(
                                            new BlockRange(0, 1),
                                            new BlockRange(1, 3),
                                            new BlockRange(3, 4),
                                            new BlockRange(0, 4))
                                    .get(i)
                            : new BlockRange(i % 4, i % 4 + 1));
        }
        Path dir = Files.createTempDirectory("probe-bench");
        // the shipped defaults, but probes spread over 20 % of the (10 s) epoch
        EpochVerifier.Settings settings =
                new EpochVerifier.Settings(4, 1e-3, 64, 2000, Duration.ofSeconds(30), 1L << 30);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (LoopbackSubnet net = new LoopbackSubnet(dir, ranges, settings)) {
            for (long epoch = 2; epoch <= 3; epoch++) { // epoch 2 warms up (JIT, connections); epoch 3 is measured
                net.produceTo(epoch * LoopbackSubnet.L - 2);
                long cpu0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                net.produceTo(epoch * LoopbackSubnet.L);
                for (LoopbackSubnet.Member m : net.members()) {
                    long e = epoch;
                    LoopbackSubnet.await(
                            "node " + m.index() + " to begin", Duration.ofMinutes(5), () -> round(m, e) != null);
                }
                net.produceTo(epoch * LoopbackSubnet.L + 2);
                for (LoopbackSubnet.Member m : net.members()) {
                    long e = epoch;
                    LoopbackSubnet.await(
                            "node " + m.index() + " to submit",
                            Duration.ofMinutes(5),
                            () -> round(m, e) != null
                                    && "submitted".equals(round(m, e).status()));
                }
                long cpu = os.getProcessCpuTime() - cpu0;
                long wall = System.nanoTime() - wall0;
                // the same number of blocks without probes (later in the epoch): the chain's own cost, subtracted
                long base0 = os.getProcessCpuTime();
                net.produceTo(epoch * LoopbackSubnet.L + 6);
                long chain = os.getProcessCpuTime() - base0;
                List<ProbeReport> reports = new ArrayList<>();
                for (LoopbackSubnet.Member m : net.members()) {
                    reports.addAll(round(m, epoch).reports());
                }
                long passed = reports.stream()
                        .filter(r -> r.outcome() == Outcome.PASSED)
                        .count();
                long bytes = reports.stream().mapToLong(ProbeReport::bytesSent).sum();
                double latency = reports.stream()
                        .mapToLong(ProbeReport::latencyMillis)
                        .average()
                        .orElse(0);
                double cpuPerNode = Math.max(0, cpu - chain) / 1e9 / nodes;
                System.out.printf(
                        Locale.ROOT,
                        "nodes %d epoch %d: %d probes (%d passed), CPU %.3f s per node per epoch (%.2f %% of a 10 s epoch),"
                                + " probe bytes sent %d per node, mean latency %.1f ms, wall %.2f s (chain alone %.3f s)%n",
                        nodes,
                        epoch,
                        reports.size(),
                        passed,
                        cpuPerNode,
                        cpuPerNode / 10 * 100,
                        bytes / nodes,
                        latency,
                        wall / 1e9,
                        chain / 1e9);
                net.produceTo((epoch + 1) * LoopbackSubnet.L - 3);
            }
        }
    }

    static Round.View round(LoopbackSubnet.Member m, long epoch) {
        return m.verifier().rounds().stream()
                .filter(r -> r.epoch() == epoch)
                .findFirst()
                .orElse(null);
    }
}

package org.hypertensor.metrics.internal.status;

import java.util.ArrayList;
import java.util.List;

/**
 * Which blocks of a model the subnet's ONLINE servers cover: the blocks nobody serves (the coverage map's red
 * cells) and the swarm's throughput, the weakest block's total (a generation passes every block, so the least
 * served one bounds it, as Petals' health page reckons).
 */
public final class Coverage {

    /** One server's hosted range, {@code [start, end)}, and its announced steps per second. */
    public record Span(int start, int end, boolean online, double stepsPerSecond) {}

    private final int blocks;
    private final double[] throughput;
    private final int[] servers;

    public Coverage(int blocks, List<Span> spans) {
        this.blocks = blocks;
        this.throughput = new double[blocks];
        this.servers = new int[blocks];
        for (Span s : spans) {
            if (!s.online()) {
                continue;
            }
            for (int b = Math.max(0, s.start()); b < Math.min(blocks, s.end()); b++) {
                throughput[b] += s.stepsPerSecond();
                servers[b]++;
            }
        }
    }

    /** The blocks no ONLINE server hosts, ascending. */
    public List<Integer> gaps() {
        List<Integer> gaps = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            if (servers[b] == 0) {
                gaps.add(b);
            }
        }
        return gaps;
    }

    /** Tokens per second the swarm can generate at most: the least total throughput of any block, 0 with a gap. */
    public double throughput() {
        double min = blocks == 0 ? 0 : Double.MAX_VALUE;
        for (double t : throughput) {
            min = Math.min(min, t);
        }
        return min;
    }
}

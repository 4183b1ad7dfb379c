package org.hypertensor.inference.net.internal.server;

import java.util.List;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;

/**
 * Chooses which blocks a server hosts when its range is not configured: the window of {@code size} blocks
 * whose hosted throughput (the sum of the other servers' announced throughputs per block) is weakest; and
 * whether moving is worth it: only if every block of the current range stays covered by someone else and
 * the weakest block of the model gets at least {@code factor} times faster.
 */
public final class RangePlanner {

    private RangePlanner() {}

    /** Throughput per block announced by ONLINE or JOINING servers other than {@code self}. */
    static double[] coverage(int layers, List<BlockAnnouncement> servers, PeerId self) {
        double[] t = new double[layers];
        for (BlockAnnouncement a : servers) {
            if (a.peer().equals(self) || a.state() == ServerState.OFFLINE) {
                continue;
            }
            for (int b = a.range().start(); b < Math.min(layers, a.range().end()); b++) {
                t[b] += Math.max(a.throughput(), 1e-9); // a server with no figure yet still covers the block
            }
        }
        return t;
    }

    /** The weakest window of {@code size} blocks (by its weakest block, then its sum; the lowest start on ties). */
    public static BlockRange choose(int layers, int size, List<BlockAnnouncement> servers, PeerId self) {
        int n = Math.min(size, layers);
        double[] t = coverage(layers, servers, self);
        int best = 0;
        double bestMin = Double.POSITIVE_INFINITY;
        double bestSum = Double.POSITIVE_INFINITY;
        for (int s = 0; s + n <= layers; s++) {
            double min = Double.POSITIVE_INFINITY;
            double sum = 0;
            for (int b = s; b < s + n; b++) {
                min = Math.min(min, t[b]);
                sum += t[b];
            }
            if (min < bestMin || (min == bestMin && sum < bestSum)) {
                best = s;
                bestMin = min;
                bestSum = sum;
            }
        }
        return new BlockRange(best, best + n);
    }

    /**
     * Where to move, or {@code null} to stay: moving must leave no block of {@code current} uncovered and
     * raise the weakest block's throughput by {@code factor}.
     */
    public static BlockRange move(
            int layers,
            BlockRange current,
            double ownThroughput,
            List<BlockAnnouncement> servers,
            PeerId self,
            double factor) {
        double[] others = coverage(layers, servers, self);
        for (int b = current.start(); b < current.end(); b++) {
            if (others[b] <= 0) {
                return null; // we are the only server of block b
            }
        }
        BlockRange target = choose(layers, current.size(), servers, self);
        if (target.equals(current)) {
            return null;
        }
        double now = weakest(others, current, ownThroughput);
        double after = weakest(others, target, ownThroughput);
        return after >= now * factor && after > now ? target : null;
    }

    private static double weakest(double[] others, BlockRange ours, double own) {
        double min = Double.POSITIVE_INFINITY;
        for (int b = 0; b < others.length; b++) {
            min = Math.min(min, others[b] + (ours.contains(b) ? own : 0));
        }
        return min;
    }
}

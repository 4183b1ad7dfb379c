package org.hypertensor.inference.net.internal.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.plugin.api.engine.BlockRange;

/**
 * Shortest path over (server, block) nodes. Entering a server costs half its ping (leaving it the other
 * half) plus a large penalty when it lacks cache room for the session; each block costs its compute time
 * from the announced throughput. A route stays on a server until that server's range ends (or the blocks
 * asked for do), so it switches only where a range ends. Blocks only increase along a path, so the graph
 * is a DAG and one pass in block order finds the shortest path.
 */
public final class Router {

    /** Seconds added where a server lacks cache room: used only when nothing else covers a block. */
    static final double NO_CACHE_PENALTY = 1000;

    private Router() {}

    /**
     * @param servers announcements (only ONLINE ones of {@code model} are used)
     * @param pingSeconds measured round trip of a server, in seconds
     * @param usable false for banned servers
     * @param tokens cache positions the session needs
     */
    public static List<Span> route(
            List<BlockAnnouncement> servers,
            String model,
            BlockRange blocks,
            ToDoubleFunction<BlockAnnouncement> pingSeconds,
            Predicate<BlockAnnouncement> usable,
            long tokens)
            throws NoRouteException {
        List<BlockAnnouncement> cands = new ArrayList<>();
        for (BlockAnnouncement a : servers) {
            if (a.state() == ServerState.ONLINE && a.model().equals(model) && usable.test(a)) {
                cands.add(a);
            }
        }
        int n = cands.size();
        int len = blocks.size();
        double[][] cost = new double[len][n];
        int[][] prev = new int[len][n];
        for (double[] row : cost) {
            java.util.Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        double[] ping = new double[n];
        for (int s = 0; s < n; s++) {
            ping[s] = Math.max(0, pingSeconds.applyAsDouble(cands.get(s)));
        }
        for (int b = 0; b < len; b++) {
            int block = blocks.start() + b;
            for (int s = 0; s < n; s++) {
                BlockAnnouncement a = cands.get(s);
                if (!a.range().contains(block)) {
                    continue;
                }
                double compute = compute(a);
                double enter = ping[s] / 2 + (a.freeCacheTokens() < tokens ? NO_CACHE_PENALTY : 0);
                if (b == 0) {
                    cost[b][s] = enter + compute;
                    prev[b][s] = -1;
                    continue;
                }
                if (cost[b - 1][s] + compute < cost[b][s]) { // stay on the server
                    cost[b][s] = cost[b - 1][s] + compute;
                    prev[b][s] = s;
                }
                for (int p = 0; p < n; p++) { // switch where p's range ends
                    if (p != s && cands.get(p).range().end() == block) {
                        double c = cost[b - 1][p] + ping[p] / 2 + enter + compute;
                        if (c < cost[b][s]) {
                            cost[b][s] = c;
                            prev[b][s] = p;
                        }
                    }
                }
            }
        }
        int best = -1;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int s = 0; s < n; s++) {
            double c = cost[len - 1][s] + ping[s] / 2;
            if (c < bestCost) {
                bestCost = c;
                best = s;
            }
        }
        if (best < 0) {
            throw new NoRouteException(explain(cands, servers.size(), blocks));
        }
        List<Span> spans = new ArrayList<>();
        int end = blocks.end();
        int s = best;
        for (int b = len - 1; b >= 0; b--) {
            int p = prev[b][s];
            if (p != s) { // s was entered at block b
                spans.add(new Span(cands.get(s), new BlockRange(blocks.start() + b, end)));
                end = blocks.start() + b;
                s = p;
            }
        }
        Collections.reverse(spans);
        return spans;
    }

    /** Seconds one block takes on the server, from its announced throughput. */
    static double compute(BlockAnnouncement a) {
        return a.throughput() > 0 ? 1 / a.throughput() : 1;
    }

    private static String explain(List<BlockAnnouncement> usable, int known, BlockRange blocks) {
        for (int block = blocks.start(); block < blocks.end(); block++) {
            int b = block;
            if (usable.stream().noneMatch(a -> a.range().contains(b))) {
                return "no route: no usable server hosts block " + block + " (" + known + " servers announced, "
                        + usable.size() + " online, staked and not banned)";
            }
        }
        return "no route through blocks " + blocks + ": the servers' ranges do not chain (a route switches servers"
                + " only where a range ends)";
    }
}

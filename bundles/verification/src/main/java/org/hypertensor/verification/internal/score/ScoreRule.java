package org.hypertensor.verification.internal.score;

import java.util.BitSet;
import java.util.List;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.verification.internal.probe.Outcome;
import org.hypertensor.verification.internal.probe.ProbeReport;

/**
 * A target's score from its probes of the epoch ({@code inference.md}, Verification), integers only: 1 if any
 * probe failed or went unanswered, else {@code 1 + floor(9999 × blocks served that passed / blocks of the model)}.
 * Blocks passed by several probes count once.
 */
public final class ScoreRule {

    public static final long MIN = 1;
    public static final long MAX = 10_000;

    private ScoreRule() {}

    public static long score(List<ProbeReport> probes, int modelBlocks) {
        if (modelBlocks < 1) {
            throw new IllegalArgumentException("a model has at least one block");
        }
        BitSet passed = new BitSet(modelBlocks);
        for (ProbeReport p : probes) {
            if (p.outcome() == Outcome.FAILED || p.outcome() == Outcome.NO_ANSWER) {
                return MIN;
            }
            if (p.outcome() == Outcome.PASSED) {
                passed.set(p.blocks().start(), Math.min(p.blocks().end(), modelBlocks));
            }
        }
        return served(passed.cardinality(), modelBlocks);
    }

    /** The score of {@code blocks} passing blocks of {@code modelBlocks}. */
    public static long served(long blocks, int modelBlocks) {
        return MIN + (MAX - MIN) * Math.min(blocks, modelBlocks) / modelBlocks;
    }

    /** The score this node gives itself: what it announces serving (it does not probe itself). */
    public static long self(BlockRange served, boolean online, int modelBlocks) {
        return online ? served(served.size(), modelBlocks) : MIN;
    }
}

package org.hypertensor.verification.internal.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.verification.internal.probe.Outcome;
import org.hypertensor.verification.internal.probe.ProbeReport;
import org.junit.jupiter.api.Test;

/** {@code 1 + floor(9999 × passed / blocks)}, or 1 after any failure or silence. */
class ScoreRuleTest {

    static ProbeReport probe(int start, int end, Outcome outcome) {
        return new ProbeReport(1, 5, "peer", new BlockRange(start, end), outcome, 3, 0, 4096, "");
    }

    @Test
    void passedBlocksMakeTheScore() {
        assertEquals(2500, ScoreRule.score(List.of(probe(0, 1, Outcome.PASSED)), 4));
        assertEquals(5000, ScoreRule.score(List.of(probe(1, 3, Outcome.PASSED)), 4)); // 1 + 4999 (4999.5 floored)
        assertEquals(10_000, ScoreRule.score(List.of(probe(0, 4, Outcome.PASSED)), 4));
        assertEquals(3334, ScoreRule.score(List.of(probe(0, 1, Outcome.PASSED)), 3)); // 1 + 3333
    }

    @Test
    void blocksCountOnceAndOnlyWhenPassed() {
        assertEquals(5000, ScoreRule.score(List.of(probe(0, 2, Outcome.PASSED), probe(1, 2, Outcome.PASSED)), 4));
        assertEquals(2500, ScoreRule.score(List.of(probe(0, 1, Outcome.PASSED), probe(1, 4, Outcome.UNCHECKED)), 4));
        assertEquals(1, ScoreRule.score(List.of(probe(0, 4, Outcome.NOT_SERVING)), 4));
        assertEquals(1, ScoreRule.score(List.of(), 4));
    }

    @Test
    void anyFailureOrSilenceScoresOne() {
        assertEquals(1, ScoreRule.score(List.of(probe(0, 3, Outcome.PASSED), probe(3, 4, Outcome.FAILED)), 4));
        assertEquals(1, ScoreRule.score(List.of(probe(0, 4, Outcome.NO_ANSWER)), 4));
    }

    @Test
    void selfScoreIsWhatItServes() {
        assertEquals(10_000, ScoreRule.self(new BlockRange(0, 4), true, 4));
        assertEquals(1, ScoreRule.self(new BlockRange(0, 4), false, 4));
    }
}

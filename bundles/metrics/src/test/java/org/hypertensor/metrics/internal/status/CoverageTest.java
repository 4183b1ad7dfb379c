package org.hypertensor.metrics.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoverageTest {

    @Test
    void gapsAreTheBlocksNoOnlineServerHosts() {
        Coverage c = new Coverage(
                6,
                List.of(
                        new Coverage.Span(0, 2, true, 5),
                        new Coverage.Span(1, 3, true, 3),
                        new Coverage.Span(3, 5, false, 9)));
        assertEquals(List.of(3, 4, 5), c.gaps());
        assertEquals(0.0, c.throughput(), "a gap stops every generation");
    }

    @Test
    void throughputIsTheWeakestBlocksTotal() {
        Coverage c = new Coverage(
                4,
                List.of(
                        new Coverage.Span(0, 4, true, 2),
                        new Coverage.Span(0, 2, true, 5),
                        new Coverage.Span(2, 9, true, 1)));
        assertEquals(List.of(), c.gaps());
        assertEquals(3.0, c.throughput());
    }

    @Test
    void noBlocksNoThroughput() {
        assertEquals(0.0, new Coverage(0, List.of()).throughput());
        assertEquals(List.of(), new Coverage(0, List.of()).gaps());
    }
}

package org.hypertensor.scoring.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The spec's interquartile filter vectors, and properties over random score sets. */
class InterquartileFilterTest {

    @Test
    void firstVector() {
        long[] s = {5000, 5100, 5050, 4990, 5020, 9000, 100, 5010, 5030, 4980, 5000, 5040};
        InterquartileFilter.Result r = InterquartileFilter.filter(s);
        assertEquals(19_990, r.q1Times4()); // Q1 = 4997.5
        assertEquals(20_170, r.q3Times4()); // Q3 = 5042.5
        assertEquals(8 * 4930, r.lowerFenceTimes8());
        assertEquals(8 * 5110, r.upperFenceTimes8());
        assertEquals(10, r.kept());
        assertEquals(5022, r.average());
        assertFalse(r.keeps(9000));
        assertFalse(r.keeps(100));
        assertTrue(r.keeps(4980));
        assertTrue(r.keeps(5100));
    }

    @Test
    void secondVector() {
        long[] s = {1000, 1200, 900, 1100, 1050, 980, 1010, 990};
        InterquartileFilter.Result r = InterquartileFilter.filter(s);
        assertEquals(3_950, r.q1Times4()); // Q1 = 987.5
        assertEquals(4_250, r.q3Times4()); // Q3 = 1062.5
        assertEquals(8 * 875, r.lowerFenceTimes8());
        assertEquals(8 * 1175, r.upperFenceTimes8());
        assertEquals(7, r.kept());
        assertEquals(7030, r.keptSum());
        assertEquals(1004, r.average());
        assertFalse(r.keeps(1200));
    }

    @Test
    void equalScoresKeepAll() {
        InterquartileFilter.Result r = InterquartileFilter.filter(new long[] {10, 10, 10, 10});
        assertEquals(4, r.kept());
        assertEquals(10, r.average());
    }

    @Test
    void fewerThanFourKeepAll() {
        InterquartileFilter.Result r = InterquartileFilter.filter(new long[] {1, 10_000, 5000});
        assertEquals(3, r.kept());
        assertEquals(15_001 / 3, r.average());
        assertEquals(7, InterquartileFilter.filter(new long[] {7}).average());
        assertThrows(IllegalArgumentException.class, () -> InterquartileFilter.filter(new long[0]));
    }

    /** Never an empty set; the kept scores are exactly those within the fences; the average lies in their range. */
    @Test
    void propertiesOverRandomSets() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 20_000; round++) {
            int n = 1 + random.nextInt(97);
            long[] s = new long[n];
            int mode = random.nextInt(3);
            for (int i = 0; i < n; i++) {
                s[i] = switch (mode) {
                    case 0 -> 1 + random.nextInt(10_000);
                    case 1 -> 5000 + random.nextInt(-50, 51);
                    default -> random.nextInt(10) == 0 ? 1 + random.nextInt(10_000) : 7000;
                };
            }
            InterquartileFilter.Result r = InterquartileFilter.filter(s);
            assertTrue(r.kept() >= 1, () -> "empty set for " + Arrays.toString(s));
            long count = Arrays.stream(s).filter(r::keeps).count();
            assertEquals(n < 4 ? n : count, r.kept());
            long min = Arrays.stream(s).filter(v -> n < 4 || r.keeps(v)).min().orElseThrow();
            long max = Arrays.stream(s).filter(v -> n < 4 || r.keeps(v)).max().orElseThrow();
            assertTrue(r.average() >= min && r.average() <= max);
            // the median is always within the fences
            long[] sorted = s.clone();
            Arrays.sort(sorted);
            assertTrue(n < 4 || r.keeps(sorted[n / 2]));
        }
    }
}

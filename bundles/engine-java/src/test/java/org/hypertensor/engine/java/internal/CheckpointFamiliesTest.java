package org.hypertensor.engine.java.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java engine on each supported checkpoint family against the float64 reference. */
class CheckpointFamiliesTest {

    @TempDir
    Path dir;

    @Test
    void everyFamilyMatchesTheFloat64Reference() throws Exception {
        try (JavaEngine engine = new JavaEngine(2, 64L << 20)) {
            List<String> lines = CheckpointFamilies.check(engine, dir, true);
            lines.forEach(System.out::println);
            assertEquals(CheckpointFamilies.specs().size(), lines.size());
        }
    }

    @Test
    void aSlidingWindowShorterThanTheSessionMatchesTheFloat64Reference() throws Exception {
        try (JavaEngine engine = new JavaEngine(2, 64L << 20)) {
            System.out.println(CheckpointFamilies.slidingWindow(engine, dir));
        }
    }
}

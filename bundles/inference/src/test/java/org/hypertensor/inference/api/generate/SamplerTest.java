package org.hypertensor.inference.api.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final float[] LOGITS = {1f, 3f, 2f, 3f, -1f};

    @Test
    void greedyTakesTheFirstHighest() {
        assertEquals(1, new Sampler(SamplingOptions.GREEDY).next(LOGITS));
    }

    @Test
    void topKAndTopPLimitTheCandidates() {
        Set<Integer> seen = new HashSet<>();
        Sampler topK = new Sampler(new SamplingOptions(1.0, 2, 1.0, 9));
        for (int i = 0; i < 200; i++) {
            seen.add(topK.next(LOGITS));
        }
        assertEquals(Set.of(1, 3), seen);
        seen.clear();
        // p(1) = p(3) ~ 0.42 each: top-p 0.5 keeps two tokens, never token 2
        Sampler topP = new Sampler(new SamplingOptions(1.0, 0, 0.5, 9));
        for (int i = 0; i < 200; i++) {
            seen.add(topP.next(LOGITS));
        }
        assertEquals(Set.of(1, 3), seen);
        seen.clear();
        Sampler all = new Sampler(new SamplingOptions(5.0, 0, 1.0, 9));
        for (int i = 0; i < 500; i++) {
            seen.add(all.next(LOGITS));
        }
        assertEquals(5, seen.size(), "a high temperature reaches every token");
    }

    @Test
    void theSeedDecides() {
        int[] a = draw(1);
        int[] b = draw(1);
        int[] c = draw(2);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(c));
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SamplingOptions(-1, 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingOptions(1, -1, 1, 0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SamplingOptions(1, 0, 0, 0))
                .getMessage()
                .contains("top-p"));
    }

    private static int[] draw(long seed) {
        Sampler s = new Sampler(new SamplingOptions(2.0, 0, 1.0, seed));
        int[] out = new int[40];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.next(LOGITS);
        }
        return out;
    }
}

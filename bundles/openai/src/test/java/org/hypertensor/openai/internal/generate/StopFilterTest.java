package org.hypertensor.openai.internal.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopFilterTest {

    private final List<String> out = new ArrayList<>();

    private StopFilter filter(String... stops) {
        return new StopFilter(List.of(stops), piece -> out.add(piece));
    }

    @Test
    void textWithoutStopsPassesAsItComes() {
        StopFilter f = filter();
        assertTrue(f.text("Hel"));
        assertTrue(f.text("lo"));
        f.finish();
        assertEquals(List.of("Hel", "lo"), out);
        assertFalse(f.matched());
    }

    @Test
    void aStopSplitAcrossPiecesIsNeverEmittedAndStopsTheGenerator() {
        StopFilter f = filter("END");
        assertTrue(f.text("abc E"));
        assertEquals(List.of("abc "), out, "the E may begin END: held back");
        assertTrue(f.text("N"));
        assertEquals(List.of("abc "), out, "EN still may");
        assertFalse(f.text("Dxyz"), "END appeared: the generator is told to stop");
        assertTrue(f.matched());
        assertEquals("abc ", f.text(), "the stop and what follows are trimmed");
        assertFalse(f.text("more"), "nothing passes after a match");
        f.finish();
        assertEquals("abc ", f.text());
    }

    @Test
    void aHeldPrefixThatDivergesIsReleased() {
        StopFilter f = filter("END");
        f.text("xE");
        f.text("Nd");
        assertEquals("xENd", String.join("", out), "EN then d is not END");
        assertFalse(f.matched());
        f.text("E");
        f.finish();
        assertEquals("xENdE", f.text(), "a prefix left at the end is real text");
    }

    @Test
    void theEarliestOfSeveralStopsWinsAndTheLongestPrefixIsHeld() {
        StopFilter f = filter("\n\n", "bc", "abcd");
        assertTrue(f.text("zab"));
        assertEquals("z", f.text(), "ab may begin abcd; b may begin bc: hold the longer, ab");
        assertFalse(f.text("c"));
        assertEquals("za", f.text(), "bc at 2 completes first: trimmed there");
    }

    @Test
    void aStopInsideOnePieceCutsThePiece() {
        StopFilter f = filter("###");
        assertFalse(f.text("one###two"));
        assertEquals(List.of("one"), out);
    }

    @Test
    void aStopAtTheVeryStartEmitsNothing() {
        StopFilter f = filter("Q");
        assertFalse(f.text("Qrest"));
        assertEquals(List.of(), out);
        assertEquals("", f.text());
    }

    @Test
    void aDownstreamThatStopsStopsTheGenerator() {
        StopFilter f = new StopFilter(List.of(), piece -> false);
        assertFalse(f.text("a"));
        assertTrue(f.downstreamStopped());
        assertFalse(f.matched());
    }

    @Test
    void emptyStopsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> filter(""));
    }
}

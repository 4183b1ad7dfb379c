package org.hypertensor.openai.internal.generate;

import java.util.List;
import org.hypertensor.inference.api.generate.TextGenerator;

/**
 * Applies stop sequences to streamed text. Text that is, or may still become, a stop sequence is never passed
 * on: a suffix that is a prefix of a stop sequence is held back until the next piece decides it. When a stop
 * sequence appears, the text before it is passed on, the sequence and anything after it are dropped, and the
 * generator is told to stop. Not thread-safe: one generation's listener.
 */
public final class StopFilter implements TextGenerator.Listener {

    private final List<String> stops;
    private final TextGenerator.Listener downstream;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder passed = new StringBuilder();
    private boolean matched;
    private boolean downstreamStopped;

    public StopFilter(List<String> stops, TextGenerator.Listener downstream) {
        for (String s : stops) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("empty stop sequence");
            }
        }
        this.stops = List.copyOf(stops);
        this.downstream = downstream;
    }

    @Override
    public boolean text(String piece) {
        if (matched || downstreamStopped) {
            return false;
        }
        held.append(piece);
        int at = firstStop();
        if (at >= 0) {
            matched = true;
            pass(held.substring(0, at));
            held.setLength(0);
            return false;
        }
        int keep = heldBack();
        pass(held.substring(0, held.length() - keep));
        held.delete(0, held.length() - keep);
        return !downstreamStopped;
    }

    /** The generation ended without a stop sequence: what was held back is final text. */
    public void finish() {
        if (!matched && !downstreamStopped && held.length() > 0) {
            pass(held.toString());
        }
        held.setLength(0);
    }

    /** Whether a stop sequence ended the text. */
    public boolean matched() {
        return matched;
    }

    /** Everything passed on so far. */
    public String text() {
        return passed.toString();
    }

    /** Whether the downstream listener asked to stop (e.g. the client went away). */
    public boolean downstreamStopped() {
        return downstreamStopped;
    }

    private void pass(String text) {
        if (!text.isEmpty()) {
            passed.append(text);
            if (!downstream.text(text)) {
                downstreamStopped = true;
            }
        }
    }

    /** Where the earliest stop sequence starts in the held text, or -1. */
    private int firstStop() {
        int first = -1;
        for (String s : stops) {
            int at = held.indexOf(s);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** The length of the longest suffix of the held text that a stop sequence starts with. */
    private int heldBack() {
        String text = held.toString();
        int longest = 0;
        for (String s : stops) {
            for (int k = Math.min(s.length() - 1, text.length()); k > longest; k--) {
                if (s.regionMatches(0, text, text.length() - k, k)) {
                    longest = k;
                    break;
                }
            }
        }
        return longest;
    }
}

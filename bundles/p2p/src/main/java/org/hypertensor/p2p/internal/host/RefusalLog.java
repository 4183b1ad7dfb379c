package org.hypertensor.p2p.internal.host;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refused connections, logged at most once per reason per window: a banned peer redialing in a loop once
 * made one WARN line per attempt and flushed everything else from the log. The first refusal of a window
 * is logged; the others are counted and summed up in one line with the next refusal after the window.
 */
final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);

    private final Clock clock;
    private final long windowMillis;
    private final Map<String, long[]> windows = new HashMap<>(); // reason → {window start, suppressed}

    RefusalLog(Clock clock, long windowMillis) {
        this.clock = clock;
        this.windowMillis = windowMillis;
    }

    /** Logs (or counts) one refused connection; returns the line logged, or {@code null} if only counted. */
    synchronized String refused(String who, String reason) {
        long now = clock.millis();
        long[] w = windows.get(reason);
        if (w != null && now - w[0] < windowMillis) {
            w[1]++;
            LOG.debug("Connection {} refused: {}", who, reason);
            return null;
        }
        String line = "Connection " + who + " refused: " + reason
                + (w != null && w[1] > 0
                        ? " (and " + w[1] + " more refused for this reason in the last " + (now - w[0]) / 1000 + " s)"
                        : "");
        windows.put(reason, new long[] {now, 0});
        if (windows.size() > 1024) {
            windows.clear(); // reasons with numbers in them: bounded anyway
        }
        LOG.warn(line);
        return line;
    }
}

package org.hypertensor.node.core.internal.node;

import java.time.Duration;

/** Durations the way operators read them: {@code 3d 4h}, {@code 5m 12s}. */
public final class Durations {

    private Durations() {}

    public static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m " + seconds + "s";
        }
        return seconds + "s";
    }
}

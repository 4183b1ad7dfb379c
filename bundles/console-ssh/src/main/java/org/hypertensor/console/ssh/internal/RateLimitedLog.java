package org.hypertensor.console.ssh.internal;

import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;

/**
 * Lets one line through per interval and counts the rest, so a client hammering the port cannot flood
 * the log: the next line that passes says how many were left out.
 */
final class RateLimitedLog {

    private final long intervalNanos;
    private final LongSupplier clock;
    private long nextAllowed;
    private long suppressed;
    private boolean started;

    RateLimitedLog(long intervalNanos, LongSupplier clock) {
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    /** Calls {@code sink} with the message and the number of lines left out before it, or counts it. */
    synchronized void log(String message, ObjLongConsumer<String> sink) {
        long now = clock.getAsLong();
        if (started && now - nextAllowed < 0) {
            suppressed++;
            return;
        }
        long skipped = suppressed;
        suppressed = 0;
        started = true;
        nextAllowed = now + intervalNanos;
        sink.accept(message, skipped);
    }
}

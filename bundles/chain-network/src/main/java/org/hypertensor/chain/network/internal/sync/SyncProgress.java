package org.hypertensor.chain.network.internal.sync;

import java.time.Clock;

/**
 * The import rate and ETA of one sync run, measured with an injected clock: blocks imported since the
 * run began over the time it has taken (integer arithmetic, per second).
 */
final class SyncProgress {

    private final Clock clock;
    private long startMs;
    private long startHeight;
    private long height;
    private long target;
    private boolean running;

    SyncProgress(Clock clock) {
        this.clock = clock;
    }

    synchronized void begin(long height, long target) {
        if (!running) {
            running = true;
            startMs = clock.millis();
            startHeight = height;
        }
        this.height = height;
        this.target = Math.max(this.target, target);
    }

    synchronized void advance(long height) {
        this.height = height;
    }

    synchronized void end(long height) {
        this.height = height;
        running = false;
    }

    synchronized boolean running() {
        return running;
    }

    synchronized long startHeight() {
        return startHeight;
    }

    synchronized long target() {
        return target;
    }

    synchronized void target(long target) {
        this.target = Math.max(this.target, target);
    }

    synchronized long blocksPerSecond() {
        long ms = clock.millis() - startMs;
        if (!running || ms <= 0) {
            return 0;
        }
        return (height - startHeight) * 1000 / ms;
    }

    /** Seconds left at the current rate; 0 when not syncing or no rate yet. */
    synchronized long etaSeconds() {
        long ms = clock.millis() - startMs;
        long done = height - startHeight;
        if (!running || done <= 0 || ms <= 0) {
            return 0;
        }
        return (target - height) * ms / done / 1000;
    }
}

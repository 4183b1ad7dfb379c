package org.hypertensor.chain.network.internal.state;

import java.time.Clock;

/**
 * Where a state sync stands, for {@code ledger:sync} and the logs: the block whose state is downloaded, keys
 * and bytes imported, the rate, and how far through the key-hash space the last verified leaf is (the keys
 * are spread evenly over it, so that is the share done). Integer arithmetic, injected clock.
 */
public final class StateSyncProgress {

    /** A snapshot. {@code phase}: waiting (for peers), downloading, committing, done. */
    public record Status(
            String phase, long block, long keys, long bytes, long keysPerSecond, int percent, long bannedPeers) {}

    private final Clock clock;
    private String phase = "waiting";
    private long block = -1;
    private long startMs;
    private long keys;
    private long bytes;
    private int percent;
    private long banned;

    public StateSyncProgress(Clock clock) {
        this.clock = clock;
    }

    synchronized void begin(long number) {
        phase = "downloading";
        block = number;
        startMs = clock.millis();
        keys = 0;
        bytes = 0;
        percent = 0;
    }

    synchronized void imported(int leaves, long size, byte[] lastKeyHash) {
        keys += leaves;
        bytes += size;
        percent = ((lastKeyHash[0] & 0xff) << 8 | (lastKeyHash[1] & 0xff)) * 100 / 65536;
    }

    synchronized void phase(String now) {
        phase = now;
        if ("done".equals(now)) {
            percent = 100;
        }
    }

    synchronized void banned() {
        banned++;
    }

    public synchronized Status status() {
        long ms = clock.millis() - startMs;
        long rate = block < 0 || ms <= 0 ? 0 : keys * 1000 / ms;
        return new Status(phase, block, keys, bytes, rate, percent, banned);
    }
}

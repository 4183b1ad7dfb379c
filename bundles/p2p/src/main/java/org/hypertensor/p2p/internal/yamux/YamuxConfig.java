package org.hypertensor.p2p.internal.yamux;

import java.time.Duration;

/**
 * Session settings. The initial window is fixed by the protocol (256 KiB); {@code maxWindow} is how far
 * we let a peer run ahead of our reads (we raise the window up to it as data is consumed).
 */
public record YamuxConfig(int maxWindow, int maxStreams, Duration streamTimeout) {

    public static final int INITIAL_WINDOW = 256 * 1024;

    public static YamuxConfig defaults() {
        return new YamuxConfig(INITIAL_WINDOW, 1024, Duration.ofSeconds(30));
    }

    public YamuxConfig {
        if (maxWindow < INITIAL_WINDOW) {
            throw new IllegalArgumentException("maxWindow below the initial 256 KiB");
        }
    }
}

package org.hypertensor.util.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories whose threads carry a name saying whose they are; daemon threads do not hold the JVM up. */
public final class NamedThreads {

    private NamedThreads() {}

    /** Daemon threads named exactly {@code name} (for single-thread executors). */
    public static ThreadFactory single(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, … (for pools). */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

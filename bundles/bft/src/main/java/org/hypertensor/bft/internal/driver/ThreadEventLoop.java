package org.hypertensor.bft.internal.driver;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hypertensor.bft.api.ManagedEventLoop;
import org.hypertensor.util.concurrent.NamedThreads;

/** A real event loop: one daemon thread, delays on the JVM's monotonic clock. */
public final class ThreadEventLoop implements ManagedEventLoop {

    private final ScheduledThreadPoolExecutor executor;

    public ThreadEventLoop(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, NamedThreads.single(threadName));
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void schedule(Runnable task, long delayMs) {
        executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

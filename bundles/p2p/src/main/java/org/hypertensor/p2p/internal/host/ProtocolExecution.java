package org.hypertensor.p2p.internal.host;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.hypertensor.util.concurrent.NamedThreads;

/**
 * Where the inbound streams of one protocol are handled: inline on the thread that negotiated them (for
 * handlers that never block, like ping and identify) or on a bounded pool of that protocol's own, so a
 * protocol whose handlers wait (a silent kad stream, a 30-minute inference session) can use up only its
 * own threads and never delay the other protocols.
 */
public final class ProtocolExecution implements Executor, AutoCloseable {

    /** Streams of one protocol that may wait for a thread before new ones are reset. */
    static final int QUEUE = 1024;

    private final ThreadPoolExecutor pool;

    private ProtocolExecution(ThreadPoolExecutor pool) {
        this.pool = pool;
    }

    /** Runs handlers on the calling thread: only for handlers that never block. */
    public static ProtocolExecution inline() {
        return new ProtocolExecution(null);
    }

    /** Up to {@code threads} handlers at once, and 1024 streams waiting; threads end when idle. */
    public static ProtocolExecution pool(String protocol, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads of " + protocol + " must be at least 1, not " + threads);
        }
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(QUEUE),
                NamedThreads.numbered("p2p" + protocol.replaceAll("[^A-Za-z0-9.]+", "-")));
        pool.allowCoreThreadTimeOut(true);
        return new ProtocolExecution(pool);
    }

    /** @throws RejectedExecutionException when the pool and its queue are full, or it was closed */
    @Override
    public void execute(Runnable task) {
        if (pool == null) {
            task.run();
        } else {
            pool.execute(task);
        }
    }

    /** Handlers running now (0 when inline). */
    public int active() {
        return pool == null ? 0 : pool.getActiveCount();
    }

    /** The most handlers at once, 0 when inline. */
    public int threads() {
        return pool == null ? 0 : pool.getMaximumPoolSize();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

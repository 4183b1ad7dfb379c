package org.hypertensor.engine.java.internal.compute;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.hypertensor.util.concurrent.NamedThreads;

/**
 * Runs a loop over {@code [0, n)} split into contiguous chunks on a fixed set of threads.
 *
 * <p>A decode step hands work to the threads a few times per layer, each time for well under a millisecond, so the
 * hand-off itself must cost microseconds: an executor's submit and {@code Future.get} wake a parked thread twice
 * (≈ 0.1 ms each on a VM, ≈ 10 ms per step on a 16-layer model). Here each worker spins for a while after its chunk,
 * so the next hand-off finds it awake, and parks only when no work comes ({@link #SPIN_NANOS}); the caller runs the
 * first chunk and spins until the others are done. One caller at a time uses the workers: a concurrent caller
 * (another session's step) runs its loop on its own thread instead of waiting.
 */
public final class Parallel implements AutoCloseable {

    /** A chunk of a loop. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** How long an idle worker waits awake for the next chunk before it parks. */
    static final long SPIN_NANOS = 2_000_000;

    private final int threads;
    private final Worker[] workers;
    private final ReentrantLock owner = new ReentrantLock();

    public Parallel(int threads) {
        this.threads = Math.max(1, threads);
        this.workers = new Worker[this.threads - 1];
        ThreadFactory factory = NamedThreads.numbered("engine-java");
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker();
            Thread t = factory.newThread(workers[i]);
            t.setDaemon(true);
            workers[i].thread = t;
            t.start();
        }
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body} over {@code [0, n)}; chunks are at least {@code grain} long. The caller runs one. */
    public void forRange(int n, int grain, Range body) {
        int chunks = Math.min(threads, Math.max(1, n / Math.max(1, grain)));
        if (chunks <= 1 || !owner.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            AtomicInteger remaining = new AtomicInteger(chunks - 1);
            Chunk[] handed = new Chunk[chunks - 1];
            for (int c = 1; c < chunks; c++) {
                int from = (int) ((long) n * c / chunks);
                int to = (int) ((long) n * (c + 1) / chunks);
                handed[c - 1] = new Chunk(body, from, to, remaining);
                workers[c - 1].hand(handed[c - 1]);
            }
            Throwable failure = null;
            try {
                body.run(0, (int) ((long) n / chunks));
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            long spins = 0;
            while (remaining.get() > 0) {
                if (++spins % 4096 == 0) {
                    Thread.yield(); // a worker preempted on a busy machine: let it run
                } else {
                    Thread.onSpinWait();
                }
            }
            if (failure == null) {
                for (Chunk c : handed) {
                    if (c.error != null) {
                        failure = c.error;
                        break;
                    }
                }
            }
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        } finally {
            owner.unlock();
        }
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.closed = true;
            LockSupport.unpark(w.thread);
        }
    }

    /** One chunk handed to a worker; {@code error} is published by the decrement of {@code remaining}. */
    private static final class Chunk {
        final Range body;
        final int from;
        final int to;
        final AtomicInteger remaining;
        Throwable error;

        Chunk(Range body, int from, int to, AtomicInteger remaining) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.remaining = remaining;
        }
    }

    private static final class Worker implements Runnable {
        final AtomicReference<Chunk> slot = new AtomicReference<>();
        volatile Thread thread;
        volatile boolean parked;
        volatile boolean closed;

        /**
         * Gives this (idle) worker a chunk. Worker: write {@code parked}, then read {@code slot}; caller: write
         * {@code slot}, then read {@code parked}: one of them sees the other's write, so no chunk waits on a parked
         * worker.
         */
        void hand(Chunk chunk) {
            slot.set(chunk);
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (!closed) {
                Chunk c = slot.get();
                if (c == null) {
                    long until = System.nanoTime() + SPIN_NANOS;
                    while ((c = slot.get()) == null && !closed && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    if (c == null) {
                        parked = true;
                        if (slot.get() == null && !closed) {
                            LockSupport.park(this);
                        }
                        parked = false;
                        continue;
                    }
                }
                try {
                    c.body.run(c.from, c.to);
                } catch (Throwable t) { // handed back to the caller, which rethrows it
                    c.error = t;
                }
                slot.set(null);
                c.remaining.decrementAndGet();
            }
        }
    }
}

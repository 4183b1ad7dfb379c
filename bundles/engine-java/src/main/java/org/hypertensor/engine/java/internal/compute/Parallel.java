package org.hypertensor.engine.java.internal.compute;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.hypertensor.util.concurrent.NamedThreads;

/**
 * Runs a loop over {@code [0, n)} on a fixed set of threads, in blocks that the threads claim one after the other.
 *
 * <p>A decode step hands work to the threads a few times per layer, each time for well under a millisecond, so the
 * hand-off itself must cost microseconds: an executor's submit and {@code Future.get} wake a parked thread twice
 * (≈ 0.1 ms each on a VM, ≈ 10 ms per step on a 16-layer model). Here each worker spins for a while after its work,
 * so the next hand-off finds it awake, and parks only when no work comes ({@link #SPIN_NANOS}).
 *
 * <p>The caller and the workers take blocks of the loop from a shared counter until none is left, each block a
 * fraction of what is left (so they shrink towards the end): the caller never waits for a fixed half that a late
 * or slower worker has not finished (with a static split the caller spent about half of a loaded machine's decode
 * step spinning), only for the short blocks still being run. One caller at a time uses the workers: a concurrent caller
 * (another session's step) runs its loop on its own thread instead of waiting.
 */
public final class Parallel implements AutoCloseable {

    /** A chunk of a loop. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** How long an idle worker waits awake for the next loop before it parks. */
    static final long SPIN_NANOS = 2_000_000;

    /**
     * A block is what is left divided by this times the threads: the first blocks are a good part of a thread's
     * share (few claims, each one contended atomic update), the last ones a single grain (the wait at the end is
     * at most one short block).
     */
    static final int BLOCKS_PER_THREAD = 4;

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

    /**
     * Runs {@code body} over {@code [0, n)} in blocks of whole multiples of {@code grain} (the last one shorter): a
     * loop of at most one grain runs on the caller alone.
     */
    public void forRange(int n, int grain, Range body) {
        int g = Math.max(1, grain);
        if (n <= g || threads == 1 || !owner.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            Loop loop = new Loop(body, n, g, threads);
            for (Worker w : workers) {
                w.hand(loop);
            }
            loop.work();
            loop.awaitBlocks();
            loop.rethrow();
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

    /**
     * One loop: blocks claimed from {@code next}, their lengths added to {@code done} (whose update publishes the
     * block's writes and any failure to the caller).
     */
    private static final class Loop {
        final Range body;
        final int n;
        final int grain;
        final int share;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Loop(Range body, int n, int grain, int threads) {
            this.body = body;
            this.n = n;
            this.grain = grain;
            this.share = BLOCKS_PER_THREAD * threads;
        }

        /**
         * Runs blocks until none is left: each takes 1/{@code share} of what is left (whole grains, at least one),
         * so the blocks shrink towards the end and the last ones, which the others may have to wait for, are short.
         * A failing block is recorded (the first failure wins) and counted done.
         */
        void work() {
            while (true) {
                int from = next.get();
                if (from >= n) {
                    return;
                }
                int grains = Math.max(1, (n - from) / (grain * share));
                int to = Math.min(n, from + grains * grain);
                if (!next.compareAndSet(from, to)) {
                    continue;
                }
                try {
                    body.run(from, to);
                } catch (Throwable t) { // handed back to the caller, which rethrows it
                    failure.compareAndSet(null, t);
                }
                done.addAndGet(to - from);
            }
        }

        /** Spins until every block is done: once the caller runs out, only blocks being run are waited for. */
        void awaitBlocks() {
            long spins = 0;
            while (done.get() < n) {
                if (++spins % 4096 == 0) {
                    Thread.yield(); // a worker preempted on a busy machine: let it run
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private static final class Worker implements Runnable {
        final AtomicReference<Loop> slot = new AtomicReference<>();
        volatile Thread thread;
        volatile boolean parked;
        volatile boolean closed;

        /**
         * Gives this worker a loop; one it has not started yet is replaced (its blocks were all done by the others,
         * or the caller would not have returned). Worker: write {@code parked}, then read {@code slot}; caller: write
         * {@code slot}, then read {@code parked}: one of them sees the other's write, so no loop waits on a parked
         * worker.
         */
        void hand(Loop loop) {
            slot.set(loop);
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            while (!closed) {
                Loop loop = slot.get();
                if (loop == null) {
                    long until = System.nanoTime() + SPIN_NANOS;
                    while ((loop = slot.get()) == null && !closed && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    if (loop == null) {
                        parked = true;
                        if (slot.get() == null && !closed) {
                            LockSupport.park(this);
                        }
                        parked = false;
                        continue;
                    }
                }
                slot.compareAndSet(loop, null); // not set(null): the caller may already have handed the next loop
                loop.work();
            }
        }
    }
}

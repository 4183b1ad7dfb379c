package org.hypertensor.bft.sim;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;
import org.hypertensor.bft.api.EventLoop;

/**
 * An event loop on a virtual clock: tasks run in (time, submission) order on the caller's thread when
 * the simulation runs, so a run is a pure function of its seed.
 */
public final class VirtualLoop implements EventLoop {

    private record Task(long time, long seq, Runnable runnable) {}

    private final PriorityQueue<Task> queue =
            new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    /** The virtual time in milliseconds. */
    public long now() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        queue.add(new Task(now, seq++, task));
    }

    @Override
    public void schedule(Runnable task, long delayMs) {
        queue.add(new Task(now + Math.max(0, delayMs), seq++, task));
    }

    /**
     * Runs tasks until {@code done} holds (checked after each task) or virtual time passes {@code until};
     * returns whether {@code done} holds.
     */
    public boolean runUntil(BooleanSupplier done, long until) {
        while (!done.getAsBoolean()) {
            Task next = queue.peek();
            if (next == null || next.time > until) {
                now = Math.max(now, until);
                return done.getAsBoolean();
            }
            queue.poll();
            now = next.time;
            next.runnable.run();
        }
        return true;
    }

    /** Runs everything due up to {@code until}. */
    public void runFor(long millis) {
        long until = now + millis;
        runUntil(() -> false, until);
    }
}

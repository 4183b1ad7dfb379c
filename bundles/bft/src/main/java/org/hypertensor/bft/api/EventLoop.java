package org.hypertensor.bft.api;

/**
 * The one thread a {@link ConsensusDriver} runs on, and its clock: tasks run one at a time, in order.
 * {@link Bft#threadEventLoop} is a real thread; tests use a virtual clock.
 */
public interface EventLoop {

    /** Runs {@code task} on the loop, after the tasks already queued. */
    void execute(Runnable task);

    /** Runs {@code task} on the loop after {@code delayMs} milliseconds of this loop's clock. */
    void schedule(Runnable task, long delayMs);
}

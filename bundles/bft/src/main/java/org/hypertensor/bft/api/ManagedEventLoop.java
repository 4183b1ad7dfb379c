package org.hypertensor.bft.api;

/** An {@link EventLoop} that owns a thread: close it when done. */
public interface ManagedEventLoop extends EventLoop, AutoCloseable {

    /** Stops the thread; queued and scheduled tasks are dropped. */
    @Override
    void close();
}

package org.hypertensor.rpc.internal.dispatch;

import java.util.concurrent.atomic.AtomicLong;

/** Counters for {@code rpc:status}: calls answered (each batch element counts) and error answers among them. */
public final class RpcStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    void request() {
        requests.incrementAndGet();
    }

    void error() {
        errors.incrementAndGet();
    }

    public long requests() {
        return requests.get();
    }

    public long errors() {
        return errors.get();
    }
}

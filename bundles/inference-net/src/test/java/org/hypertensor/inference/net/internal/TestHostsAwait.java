package org.hypertensor.inference.net.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.hypertensor.p2p.internal.host.TestHosts;

/** Waits for a condition with a deadline (never a fixed sleep before an assertion). */
final class TestHostsAwait {

    private TestHostsAwait() {}

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        TestHosts.await(what, Duration.ofSeconds(10), condition);
    }
}

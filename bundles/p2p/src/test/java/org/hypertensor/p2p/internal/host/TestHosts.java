package org.hypertensor.p2p.internal.host;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.internal.identity.NodeKey;

/** Starts real hosts on loopback ports for tests (the dht bundle's too, through the test-jar) and closes them. */
public final class TestHosts implements AutoCloseable {

    private final List<Host> hosts = new ArrayList<>();

    /** The default host settings, listening on a free loopback TCP port. */
    public static HostConfig loopback() {
        return HostConfig.defaults(List.of(Multiaddr.parse("/ip4/127.0.0.1/tcp/0")));
    }

    public Host start() throws Exception {
        return start(loopback());
    }

    public Host start(HostConfig config) throws Exception {
        return start(NodeKey.generate(new SecureRandom()), config);
    }

    public Host start(NodeKey key, HostConfig config) throws Exception {
        return start(key, config, java.time.Clock.systemUTC());
    }

    public Host start(NodeKey key, HostConfig config, java.time.Clock clock) throws Exception {
        Host h = new Host(key, config, clock);
        h.start();
        hosts.add(h);
        return h;
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        hosts.forEach(Host::close);
    }
}

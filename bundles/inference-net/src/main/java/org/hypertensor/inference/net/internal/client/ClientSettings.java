package org.hypertensor.inference.net.internal.client;

import java.time.Duration;

/**
 * How a client uses servers.
 *
 * @param stepTimeout longest wait for a server's answer to open or a step
 * @param maxFailures server failures one generation tolerates before it gives up
 * @param banFirst first ban of a failed server (doubling on each further failure)
 * @param banMax longest ban
 * @param directoryTtl how long announcements read from the DHT are reused
 */
public record ClientSettings(
        Duration stepTimeout, int maxFailures, Duration banFirst, Duration banMax, Duration directoryTtl) {

    public static ClientSettings defaults() {
        return new ClientSettings(
                Duration.ofSeconds(30), 8, Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofSeconds(5));
    }

    public ClientSettings withStepTimeout(Duration d) {
        return new ClientSettings(d, maxFailures, banFirst, banMax, directoryTtl);
    }
}

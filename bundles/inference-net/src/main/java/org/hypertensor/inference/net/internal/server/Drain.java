package org.hypertensor.inference.net.internal.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hypertensor.inference.net.api.ServerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retires a server whose node moved to another block range: it takes no new session (OFFLINE) while its
 * open sessions run to their end, at most the session lifetime, then its blocks are unhosted. So a move
 * never cuts a running generation, and the old blocks stay served until their last session is over.
 */
public final class Drain {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final BlockServer server;
    private final ScheduledExecutorService timer;
    private final Duration poll;
    private final Clock clock;
    private final Instant deadline;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private Drain(BlockServer server, ScheduledExecutorService timer, Duration poll, Clock clock) {
        this.server = server;
        this.timer = timer;
        this.poll = poll;
        this.clock = clock;
        this.deadline = clock.instant().plus(server.settings().sessionLifetime());
    }

    /**
     * Stops {@code server} taking sessions now and closes it once it has none (checked every {@code poll} on
     * {@code timer}).
     *
     * @return completes when the server is closed
     */
    public static CompletableFuture<Void> retire(
            BlockServer server, ScheduledExecutorService timer, Duration poll, Clock clock) {
        server.setState(ServerState.OFFLINE);
        Drain d = new Drain(server, timer, poll, clock);
        int open = server.sessions().size();
        if (open > 0) {
            LOG.info("Draining blocks {}: {} open sessions finish there first", server.range(), open);
        }
        d.check();
        return d.done.copy(); // callers may wait on it, not complete it
    }

    private void check() {
        int open = server.sessions().size();
        boolean late = clock.instant().isAfter(deadline);
        if (open == 0 || late) {
            if (late) {
                LOG.info("Blocks {}: {} sessions outlived the session lifetime; closing them", server.range(), open);
            }
            server.close();
            LOG.info("Blocks {} no longer hosted", server.range());
            done.complete(null);
            return;
        }
        try {
            timer.schedule(this::check, poll.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            server.close(); // the node is stopping
            done.complete(null);
        }
    }
}

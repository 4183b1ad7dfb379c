package org.hypertensor.node.core.internal.node;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hypertensor.logging.api.LogControl;
import org.hypertensor.logging.api.LogLevel;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.util.concurrent.NamedThreads;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node itself: its identity, where it lives, and the settings of {@code org.hypertensor.node.cfg}. */
@Component(immediate = true, configurationPid = NodeConfig.PID)
@Designate(ocd = NodeConfig.class)
public final class NodeRuntime implements NodeInfo {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);

    private final LogControl logControl;
    private final BundleContext context;
    private final NodePaths paths;
    private final Instant startedAt;
    private final ScheduledExecutorService heartbeat;
    private volatile NodeConfig config;
    private ScheduledFuture<?> beat;

    @Activate
    public NodeRuntime(@Reference LogControl logControl, BundleContext context, NodeConfig config) {
        this.logControl = logControl;
        this.context = context;
        this.paths = NodePaths.from(context);
        this.startedAt = paths.startedAt();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("node-heartbeat"));
        apply(config);
        LOG.info("Node '{}' {} on {} (home {})", name(), version(), network(), home());
    }

    /**
     * Applies what changed. Config Admin may hand over the same values again (a refused edit comes
     * back as the last good configuration): that must not undo a level set with node:loglevel.
     */
    @Modified
    void apply(NodeConfig next) {
        NodeConfig previous = this.config;
        this.config = next;
        boolean first = previous == null;
        if (first || !previous.log_level().equals(next.log_level())) {
            logControl.setLevel(LogControl.ROOT, LogLevel.parse(next.log_level()));
        }
        if (first || previous.heartbeat_seconds() != next.heartbeat_seconds()) {
            if (beat != null) {
                beat.cancel(false);
            }
            long period = next.heartbeat_seconds();
            beat = heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.SECONDS);
        }
        if (!first
                && (!previous.name().equals(next.name())
                        || !previous.log_level().equals(next.log_level())
                        || previous.heartbeat_seconds() != next.heartbeat_seconds())) {
            LOG.info(
                    "Node settings applied: name '{}', log level {}, heartbeat every {} s",
                    next.name(),
                    next.log_level(),
                    next.heartbeat_seconds());
        }
    }

    @Deactivate
    void stop() {
        heartbeat.shutdownNow();
    }

    private void beat() {
        long active = 0;
        Bundle[] bundles = context.getBundles();
        for (Bundle b : bundles) {
            if (b.getState() == Bundle.ACTIVE) {
                active++;
            }
        }
        LOG.info(
                "Node '{}' up {}, {} of {} bundles active",
                name(),
                Durations.human(java.time.Duration.between(startedAt, Instant.now())),
                active,
                bundles.length);
    }

    @Override
    public String version() {
        return paths.version();
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String network() {
        return paths.network();
    }

    @Override
    public Path home() {
        return paths.home();
    }

    @Override
    public Path dataDir() {
        return paths.home().resolve("data");
    }

    @Override
    public Path distribution() {
        return paths.distribution();
    }

    @Override
    public Instant startedAt() {
        return startedAt;
    }
}

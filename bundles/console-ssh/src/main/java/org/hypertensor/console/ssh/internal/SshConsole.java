package org.hypertensor.console.ssh.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH console: an SSH server on the configured address whose sessions are the node's Gogo shell.
 * Public-key logins only, from the home's {@code authorized_keys}; a new configuration restarts it.
 */
@Component(service = SshConsole.class, immediate = true, configurationPid = SshConfig.PID)
@Designate(ocd = SshConfig.class)
public final class SshConsole {

    private static final Logger LOG = LoggerFactory.getLogger(SshConsole.class);
    private static final AttributeKey<Instant> SINCE = new AttributeKey<>();
    private static final AttributeKey<String> KEY = new AttributeKey<>();

    private final SshConfig config;
    private final Path home;
    private final RateLimitedLog refusals = new RateLimitedLog(TimeUnit.SECONDS.toNanos(10), System::nanoTime);
    private final AtomicLong channels = new AtomicLong();
    private final SshServer server;
    private final EndpointFile endpoint;
    private final String fingerprint;
    private final String state;

    @Activate
    public SshConsole(@Reference CommandProcessor processor, BundleContext context, SshConfig config) {
        this.config = config;
        this.home = Path.of(property(context, "hypertensor.home", ".")).toAbsolutePath();
        this.endpoint = new EndpointFile(home.resolve("data/node.endpoint"));
        if (context.getProperty("hypertensor.batch") != null) {
            // `run -c` is a short-lived second framework on the home: the running node owns the console
            server = null;
            fingerprint = null;
            state = "off (hypertensor run)";
            return;
        }
        if (!config.enabled()) {
            server = null;
            fingerprint = null;
            state = "disabled (enabled = false)";
            return;
        }
        SshServer started = null;
        String print = null;
        String why;
        try {
            SimpleGeneratorHostKeyProvider hostKey = HomeKeys.hostKey(home.resolve(config.host_key()));
            print = HomeKeys.fingerprint(hostKey.loadKeys(null).get(0).getPublic());
            Path authorized = home.resolve(config.authorized_keys());
            if (HomeKeys.ensureClientKey(home.resolve(config.client_key()), authorized, "hypertensor-client@" + home)) {
                LOG.info("Created the home's client key {} and authorized it in {}", config.client_key(), authorized);
            }
            started = start(config, hostKey, authorized, new GogoSessions(processor, context), context);
            endpoint.write(config.host(), started.getPort(), print, config.client_key());
            why = "listening";
            LOG.info("SSH console on {}:{} (host key {})", config.host(), started.getPort(), print);
        } catch (IOException | RuntimeException e) {
            why = "not running: " + e.getMessage();
            LOG.error("The SSH console cannot listen on {}:{}: {}", config.host(), config.port(), e.getMessage());
            stopQuietly(started);
            started = null;
        }
        server = started;
        fingerprint = print;
        state = why;
    }

    private SshServer start(
            SshConfig config,
            SimpleGeneratorHostKeyProvider hostKey,
            Path authorized,
            GogoSessions sessions,
            BundleContext context)
            throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        // OSGi: name the I/O back-end instead of letting SSHD look for one through a class loader
        s.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
        s.setHost(config.host());
        s.setPort(config.port());
        s.setKeyPairProvider(hostKey);
        s.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        AuthorizedKeysAuthenticator keys = new AuthorizedKeysAuthenticator(authorized);
        s.setPublickeyAuthenticator((user, key, session) -> {
            boolean ok = keys.authenticate(user, key, session);
            if (ok) {
                session.setAttribute(KEY, HomeKeys.fingerprint(key));
            }
            return ok;
        });
        s.setPasswordAuthenticator(null);
        s.setKeyboardInteractiveAuthenticator(null);
        s.setGSSAuthenticator(null);
        s.setHostBasedAuthenticator(null);
        CoreModuleProperties.IDLE_TIMEOUT.set(s, Duration.ofSeconds(config.idle_timeout_seconds()));
        String welcome = "Hypertensor node " + property(context, "hypertensor.version", "") + " over SSH. Ctrl-C"
                + " interrupts a command; exit, logout or Ctrl-D closes this session; node:shutdown stops the node.";
        s.setShellFactory(channel -> new ShellCommand(sessions, welcome, "ssh-shell-" + channels.incrementAndGet()));
        s.setCommandFactory(
                (channel, command) -> new ExecCommand(sessions, command, "ssh-exec-" + channels.incrementAndGet()));
        s.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                session.setAttribute(SINCE, Instant.now());
            }

            @Override
            public void sessionEvent(Session session, Event event) {
                if (event == Event.Authenticated) {
                    LOG.info(
                            "SSH login of {} from {} (key {})",
                            session.getUsername(),
                            address(session.getRemoteAddress()),
                            session.getAttribute(KEY));
                }
            }

            @Override
            public void sessionClosed(Session session) {
                if (!session.isAuthenticated()) {
                    refusals.log(
                            "SSH login refused from " + address(session.getRemoteAddress())
                                    + " (no authorized key; keys are in " + authorized + ")",
                            (line, skipped) ->
                                    LOG.warn("{}{}", line, skipped == 0 ? "" : " (" + skipped + " more refused)"));
                }
            }
        });
        s.start();
        return s;
    }

    @Deactivate
    void stop() {
        if (server == null) {
            return;
        }
        stopQuietly(server);
        try {
            endpoint.removeIfOurs();
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", home.resolve("data/node.endpoint"), e.getMessage());
        }
    }

    /** What {@code ssh:status} shows. */
    Status status() {
        List<SessionInfo> sessions = new ArrayList<>();
        if (server != null) {
            for (Session s : server.getActiveSessions()) {
                sessions.add(new SessionInfo(
                        s.getUsername() == null ? "-" : s.getUsername(),
                        address(s.getRemoteAddress()),
                        s.isAuthenticated(),
                        s.getAttribute(SINCE)));
            }
        }
        return new Status(
                state,
                config.host(),
                server == null ? config.port() : server.getPort(),
                fingerprint,
                home.resolve(config.authorized_keys()),
                sessions);
    }

    record Status(
            String state, String host, int port, String fingerprint, Path authorizedKeys, List<SessionInfo> sessions) {}

    record SessionInfo(String user, String from, boolean authenticated, Instant since) {}

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    private static void stopQuietly(SshServer s) {
        if (s == null) {
            return;
        }
        try {
            s.stop(true);
        } catch (IOException e) {
            LOG.warn("Stopping the SSH console: {}", e.getMessage());
        }
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

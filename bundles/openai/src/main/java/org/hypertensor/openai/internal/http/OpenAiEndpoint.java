package org.hypertensor.openai.internal.http;

import jakarta.servlet.Servlet;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import org.hypertensor.openai.internal.generate.Generators;
import org.hypertensor.openai.internal.stats.EndpointStats;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link OpenAiServlet} on the node's shared HTTP server (the Servlet Whiteboard) under the configured
 * prefix, and moves or removes it when the configuration changes; other settings apply to the running servlet.
 */
@Component(service = OpenAiEndpoint.class, immediate = true, configurationPid = OpenAiConfig.PID)
@Designate(ocd = OpenAiConfig.class)
public final class OpenAiEndpoint {

    static final String PATTERN = "osgi.http.whiteboard.servlet.pattern";
    static final String NAME = "osgi.http.whiteboard.servlet.name";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiEndpoint.class);

    private final BundleContext context;
    private final OpenAiServlet servlet;
    private volatile EndpointSettings settings;
    private ServiceRegistration<Servlet> registration;

    @Activate
    public OpenAiEndpoint(
            BundleContext context,
            @Reference Generators generators,
            @Reference EndpointStats stats,
            OpenAiConfig config) {
        this.context = context;
        this.settings = settingsOf(config, defaultPrefix());
        this.servlet = new OpenAiServlet(generators, stats, Clock.systemUTC(), settings);
        publish();
    }

    @Modified
    synchronized void modified(OpenAiConfig config) {
        EndpointSettings old = settings;
        settings = settingsOf(config, old.pathPrefix());
        servlet.update(settings);
        if (old.enabled() != settings.enabled() || !old.pathPrefix().equals(settings.pathPrefix())) {
            unpublish();
            publish();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        unpublish();
    }

    /** The prefix {@link OpenAiConfig} defaults to (defaults live there only). */
    private static String defaultPrefix() {
        try {
            return (String) OpenAiConfig.class.getMethod("path_prefix").getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    public EndpointSettings settings() {
        return settings;
    }

    private synchronized void publish() {
        EndpointSettings s = settings;
        if (!s.enabled()) {
            LOG.info("OpenAI-compatible API disabled (enabled = false in {}.cfg)", OpenAiConfig.PID);
            return;
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PATTERN, s.pathPrefix() + "/*");
        properties.put(NAME, "hypertensor-openai");
        registration = context.registerService(Servlet.class, servlet, properties);
        LOG.info("OpenAI-compatible API at {}/ on the node's HTTP server", s.pathPrefix());
    }

    private synchronized void unpublish() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            registration = null;
        }
    }

    /** A bad path prefix is refused with a warning, keeping {@code previousPrefix}. */
    private static EndpointSettings settingsOf(OpenAiConfig config, String previousPrefix) {
        try {
            return EndpointSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.warn("Config {} refused: {}; keeping {}", OpenAiConfig.PID, e.getMessage(), previousPrefix);
            return new EndpointSettings(
                    config.enabled(),
                    previousPrefix,
                    config.max_body_bytes(),
                    config.max_concurrent_generations(),
                    config.default_max_tokens());
        }
    }
}

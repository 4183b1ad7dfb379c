package org.hypertensor.node.core.internal.shell;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.hypertensor.node.core.api.FeatureService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the interactive console once the node has settled (configuration read, deployed bundles and
 * launch features installed), so the first command an operator types finds every feature's commands
 * instead of "Command not found". The launcher installs the console bundles without starting them
 * and names them in {@value #DEFERRED}; other modes start the console themselves.
 */
@Component(immediate = true)
public final class ConsoleGate {

    /** Framework property: the console bundles' symbolic names, comma-separated, left for this gate. */
    static final String DEFERRED = "hypertensor.console.deferred";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleGate.class);

    @Activate
    public ConsoleGate(@Reference FeatureService features, BundleContext context) {
        String names = context.getProperty(DEFERRED);
        if (names == null || names.isBlank()) {
            return;
        }
        Set<String> console = Arrays.stream(names.split("\\s*,\\s*"))
                .filter(n -> !n.isEmpty())
                .collect(Collectors.toSet());
        Thread opener = new Thread(() -> open(context, features, console), "console-gate");
        opener.setDaemon(true);
        // JLine finds its native terminal through the context class loader first: none lets it use
        // its own bundle's (see the launcher).
        opener.setContextClassLoader(null);
        opener.start();
    }

    private static void open(BundleContext context, FeatureService features, Set<String> console) {
        try {
            new StartupSettle(context).awaitNode(features);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IllegalStateException e) {
            return; // the framework is stopping
        }
        for (Bundle b : context.getBundles()) {
            if (console.contains(b.getSymbolicName()) && b.getState() != Bundle.ACTIVE) {
                try {
                    b.start(Bundle.START_ACTIVATION_POLICY); // runs once the last start level is reached
                } catch (BundleException | IllegalStateException e) {
                    LOG.error("The console could not start: {}", e.getMessage());
                }
            }
        }
    }
}

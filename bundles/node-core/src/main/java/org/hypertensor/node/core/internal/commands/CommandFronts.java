package org.hypertensor.node.core.internal.commands;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Function;
import org.hypertensor.node.core.internal.status.ComponentStates;
import org.hypertensor.plugin.api.shell.Unavailable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Keeps a {@link CommandFront} before every command of the node's own bundles: those registered now, and those
 * that an active bundle's components declare but have not registered (starting, waiting for a service, or
 * failed), so that calling one says why. Gogo's own commands are left alone.
 */
@Component(immediate = true)
public final class CommandFronts {

    /** Only the node's bundles: their commands follow the node's conventions. */
    private static final String OURS = "org.hypertensor.";

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final CommandCatalog catalog;
    /** Registrations by {@code scope:function}; touched only on {@link #worker}. */
    private final Map<String, ServiceRegistration<Function>> fronts = new HashMap<>();
    /** One thread applies changes in order, outside the framework's event delivery. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "command-fronts");
        t.setDaemon(true);
        return t;
    });

    private final AtomicBoolean pending = new AtomicBoolean();
    private final ServiceListener services = e -> schedule();
    private final BundleListener bundles = this::bundleChanged;

    @Activate
    public CommandFronts(@Reference ServiceComponentRuntime scr, BundleContext context) throws InvalidSyntaxException {
        this.context = context;
        this.scr = scr;
        this.catalog = new CommandCatalog(context);
        context.addServiceListener(services, CommandCatalog.COMMANDS);
        context.addBundleListener(bundles);
        schedule();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        context.removeServiceListener(services);
        context.removeBundleListener(bundles);
        worker.submit(this::removeAll);
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void bundleChanged(BundleEvent e) {
        if (e.getType() == BundleEvent.STARTED || e.getType() == BundleEvent.STOPPED) {
            schedule();
        }
    }

    /** Coalesces bursts of events (a feature installs dozens of services) into one refresh. */
    private void schedule() {
        if (pending.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    pending.set(false);
                    refresh();
                });
            } catch (RejectedExecutionException e) {
                pending.set(false); // deactivated
            }
        }
    }

    private void refresh() {
        Set<String> wanted = new HashSet<>();
        catalog.commands().forEach((name, ref) -> {
            Bundle b = ref.getBundle();
            if (b != null && b.getSymbolicName() != null && b.getSymbolicName().startsWith(OURS)) {
                wanted.add(name);
            }
        });
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(ours())) {
            Object scope = d.properties.get(CommandProcessor.COMMAND_SCOPE);
            if (scope != null) {
                for (String f : CommandCatalog.functions(d.properties.get(CommandProcessor.COMMAND_FUNCTION))) {
                    wanted.add(scope + ":" + f);
                }
            }
        }
        fronts.entrySet().removeIf(e -> {
            if (wanted.contains(e.getKey())) {
                return false;
            }
            unregister(e.getValue());
            return true;
        });
        for (String name : wanted) {
            if (!fronts.containsKey(name)) {
                register(name);
            }
        }
    }

    private void register(String name) {
        int colon = name.indexOf(':');
        String scope = name.substring(0, colon);
        String function = name.substring(colon + 1);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(CommandProcessor.COMMAND_SCOPE, scope);
        props.put(CommandProcessor.COMMAND_FUNCTION, function);
        props.put(CommandCatalog.FRONT, Boolean.TRUE);
        props.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        CommandFront front = new CommandFront(context, catalog, scope, function, () -> whyAbsent(scope, function));
        try {
            fronts.put(name, context.registerService(Function.class, front, props));
        } catch (IllegalStateException e) {
            // node-core is stopping
        }
    }

    private void removeAll() {
        fronts.values().forEach(CommandFronts::unregister);
        fronts.clear();
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException e) {
            // already gone with the framework
        }
    }

    /** Why no service offers {@code scope:function}: the declaring component's state, or its dependency's failure. */
    String whyAbsent(String scope, String function) {
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs(ours())) {
            if (scope.equals(d.properties.get(CommandProcessor.COMMAND_SCOPE))
                    && CommandCatalog.functions(d.properties.get(CommandProcessor.COMMAND_FUNCTION))
                            .contains(function)) {
                var configs = scr.getComponentConfigurationDTOs(d);
                String problem = ComponentStates.problem(configs);
                String cause = rootCause(configs);
                if (cause != null) {
                    return cause;
                }
                if (!scr.isComponentEnabled(d)) {
                    return "its component " + d.name + " is disabled";
                }
                if (configs.isEmpty()) {
                    String pid = d.configurationPid == null || d.configurationPid.length == 0
                            ? d.name
                            : d.configurationPid[0];
                    return "its component " + d.name + " needs its configuration (etc/" + pid + ".cfg)";
                }
                Set<String> waiting = missing(configs);
                if (!waiting.isEmpty()) {
                    // constructor references are named $0, $1…: the service's type says more
                    return "waiting for "
                            + String.join(
                                    ", ",
                                    waiting.stream()
                                            .map(i -> i.substring(i.lastIndexOf('.') + 1))
                                            .toList())
                            + " (starting, or see node:status)";
                }
                return problem == null ? "its component is starting, try again in a moment" : problem;
            }
        }
        return "its bundle is not running (see node:status)";
    }

    /** The interfaces of the services a component waits for. */
    private static Set<String> missing(Iterable<ComponentConfigurationDTO> configs) {
        Set<String> wanted = new java.util.TreeSet<>();
        for (ComponentConfigurationDTO c : configs) {
            if (c.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE && c.unsatisfiedReferences != null) {
                for (var r : c.unsatisfiedReferences) {
                    for (var ref : c.description.references) {
                        if (ref.name.equals(r.name)) {
                            wanted.add(ref.interfaceName);
                        }
                    }
                }
            }
        }
        return wanted;
    }

    /** A failed component that provides a service this one waits for: the reason worth telling. */
    private String rootCause(Iterable<ComponentConfigurationDTO> configs) {
        Set<String> wanted = missing(configs);
        if (wanted.isEmpty()) {
            return null;
        }
        for (String service : wanted) {
            String reason = unavailable(service);
            if (reason != null) {
                return reason;
            }
        }
        for (ComponentDescriptionDTO d : scr.getComponentDescriptionDTOs()) {
            if (d.serviceInterfaces != null
                    && Set.of(d.serviceInterfaces).stream().anyMatch(wanted::contains)) {
                String problem = ComponentStates.problem(scr.getComponentConfigurationDTOs(d));
                if (problem != null && problem.startsWith("activation failed")) {
                    return d.name + ": " + problem;
                }
            }
        }
        return null;
    }

    /** The reason a bundle gave for not offering {@code service} (see {@link Unavailable}), or {@code null}. */
    private String unavailable(String service) {
        try {
            var markers = context.getServiceReferences((String) null, "(" + Unavailable.SERVICE + "=" + service + ")");
            return markers == null ? null : String.valueOf(markers[0].getProperty(Unavailable.REASON));
        } catch (InvalidSyntaxException e) {
            return null; // an interface name with filter characters: no marker can name it
        }
    }

    private Bundle[] ours() {
        return java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getState() == Bundle.ACTIVE
                        && b.getSymbolicName() != null
                        && b.getSymbolicName().startsWith(OURS))
                .toArray(Bundle[]::new);
    }
}

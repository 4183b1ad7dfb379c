package org.hypertensor.node.core.internal.status;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.service.command.Descriptor;
import org.hypertensor.node.core.api.NodeInfo;
import org.hypertensor.node.core.internal.config.ConfigFileProblems;
import org.hypertensor.node.core.internal.node.Durations;
import org.hypertensor.plugin.api.PluginDescriptor;
import org.hypertensor.plugin.api.PluginProperties;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.hypertensor.plugin.api.shell.Unavailable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** {@code node:status} and {@code node:plugins}: what the node is running. */
@Component(
        service = NodeCommands.class,
        immediate = true,
        property = {"osgi.command.scope=node", "osgi.command.function=status", "osgi.command.function=plugins"})
public final class NodeCommands {

    /** Service properties of the ledger's service (set in LedgerComponent). */
    private static final String CHAIN_ID = "hypertensor.chain.id";

    private static final String CHAIN_GENESIS = "hypertensor.chain.genesis";
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final NodeInfo node;
    private final ServiceComponentRuntime scr;
    private final BundleContext context;
    private final ConfigFileProblems configFiles;
    private final List<ServiceReference<PluginDescriptor>> plugins = new CopyOnWriteArrayList<>();

    @Activate
    public NodeCommands(
            @Reference NodeInfo node,
            @Reference ServiceComponentRuntime scr,
            BundleContext context,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL) ConfigFileProblems configFiles) {
        this.node = node;
        this.scr = scr;
        this.context = context;
        this.configFiles = configFiles;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPlugin(ServiceReference<PluginDescriptor> plugin) {
        plugins.add(plugin);
    }

    void removePlugin(ServiceReference<PluginDescriptor> plugin) {
        plugins.remove(plugin);
    }

    @Descriptor("the node: version, uptime, where it keeps data, its bundles and components")
    public Report status() {
        Bundle[] bundles = context.getBundles();
        Table bundleTable = Table.of("ID", "STATE", "LEVEL", "SYMBOLIC NAME", "VERSION");
        int running = 0;
        for (Bundle b : bundles) {
            if (BundleStates.isRunning(b)) {
                running++;
            }
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            bundleTable.row(
                    b.getBundleId(),
                    BundleStates.of(b),
                    level == null ? null : level.getStartLevel(),
                    b.getSymbolicName(),
                    b.getVersion());
        }
        Table components = Table.of("COMPONENT", "STATE", "BUNDLE");
        Table problems = Table.of("COMPONENT", "PROBLEM");
        int active = 0;
        int satisfied = 0;
        int total = 0;
        List<ComponentDescriptionDTO> descriptions = new ArrayList<>(scr.getComponentDescriptionDTOs());
        descriptions.sort(Comparator.comparing(d -> d.name));
        for (ComponentDescriptionDTO d : descriptions) {
            String state;
            if (!scr.isComponentEnabled(d)) {
                state = "DISABLED";
            } else {
                var configs = scr.getComponentConfigurationDTOs(d);
                state = configs.isEmpty() ? "UNSATISFIED CONFIGURATION" : ComponentStates.of(configs);
                String problem = ComponentStates.problem(configs);
                if (problem != null) {
                    problems.row(d.name, problem);
                }
                if (configs.stream().anyMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE)) {
                    active++;
                } else if (configs.stream().anyMatch(c -> c.state == ComponentConfigurationDTO.SATISFIED)) {
                    satisfied++; // a delayed component: ready, created on first use
                }
            }
            total++;
            components.row(d.name, state, d.bundle.symbolicName);
        }
        // services that could not start say why with an Unavailable marker (the ledger with a refused chain spec)
        for (ServiceReference<?> r : withProperty(Unavailable.SERVICE)) {
            problems.row(r.getBundle().getSymbolicName(), r.getProperty(Unavailable.REASON));
        }
        if (configFiles != null) {
            configFiles.snapshot().forEach((file, why) -> problems.row(file, "refused, not applied: " + why));
        }
        Instant started = node.startedAt();
        // the ledger names its chain in its service's properties (node-core does not import the ledger API)
        ServiceReference<?>[] chains = withProperty(CHAIN_GENESIS);
        Table summary = Table.properties()
                .row("name", node.name())
                .row("version", node.version())
                .row("network", node.network())
                .row("chain", chains.length == 0 ? "-" : chains[0].getProperty(CHAIN_ID))
                .row("genesis", chains.length == 0 ? "-" : chains[0].getProperty(CHAIN_GENESIS))
                .row("started", WHEN.format(started))
                .row("uptime", Durations.human(Duration.between(started, Instant.now())))
                .row("home", node.home())
                .row("data dir", node.dataDir())
                .row("bundles", running + " of " + bundles.length + " running")
                .row(
                        "components",
                        (active + satisfied) + " of " + total + " ready (" + active + " active, " + satisfied
                                + " waiting for first use)");
        Report report = Report.create()
                .section("Node", summary)
                .section("Bundles", bundleTable)
                .section("Components", components);
        // failed and waiting components with the reason, last so the eye lands on them
        return problems.isEmpty() ? report : report.section("Problems", problems);
    }

    @Descriptor("installed plugins: their id, kind, name, vendor and bundle")
    public Table plugins() {
        Table table = Table.of("ID", "KIND", "NAME", "VENDOR", "BUNDLE", "VERSION");
        List<ServiceReference<PluginDescriptor>> refs = new ArrayList<>(plugins);
        refs.sort(Comparator.comparing(r -> String.valueOf(r.getProperty(PluginProperties.PLUGIN_ID))));
        for (ServiceReference<PluginDescriptor> ref : refs) {
            PluginDescriptor plugin = context.getService(ref);
            if (plugin == null) {
                continue; // unregistered meanwhile
            }
            try {
                Bundle bundle = ref.getBundle();
                table.row(
                        plugin.id(),
                        plugin.kind(),
                        plugin.name(),
                        plugin.vendor(),
                        bundle == null ? null : bundle.getSymbolicName(),
                        bundle == null ? null : bundle.getVersion());
            } finally {
                context.ungetService(ref);
            }
        }
        return table;
    }

    /** The services registered with this property, whatever their type. */
    private ServiceReference<?>[] withProperty(String property) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(" + property + "=*)");
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // the filter is built from a constant
        }
    }
}

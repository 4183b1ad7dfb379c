package org.hypertensor.node.core.internal.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code help} and {@code help NAME}: every command with what it does, and one command's usage and options.
 * In the {@code node} scope, which the shell searches before Gogo's, so a bare {@code help} is this one.
 */
@Component(
        service = HelpCommand.class,
        immediate = true,
        property = {"osgi.command.scope=node", "osgi.command.function=help"})
public final class HelpCommand {

    private static final String NOT_AVAILABLE = "(not available now: call it to see why)";

    private final BundleContext context;
    private final CommandCatalog catalog;

    @Activate
    public HelpCommand(BundleContext context) {
        this.context = context;
        this.catalog = new CommandCatalog(context);
    }

    @Descriptor("every command with what it does")
    public Table help() {
        Table table = Table.of("COMMAND", "DESCRIPTION");
        TreeMap<String, String> all = new TreeMap<>();
        absent().forEach(name -> all.put(name, NOT_AVAILABLE));
        catalog.commands()
                .forEach((name, ref) -> all.put(
                        name,
                        catalog.help(name, ref)
                                .map(CommandCatalog.Help::description)
                                .orElse(null)));
        all.forEach(table::row);
        return table;
    }

    @Descriptor("what one command does, how to call it and its options")
    public String help(@Descriptor("command name, with or without its scope (ledger:head or head)") String name) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, ServiceReference<?>> e : catalog.commands().entrySet()) {
            if (matches(e.getKey(), name)) {
                catalog.help(e.getKey(), e.getValue()).ifPresent(h -> {
                    out.add(h.name() + " - " + (h.description() == null ? "(no description)" : h.description()));
                    h.usages().forEach(u -> out.add("  usage: " + u));
                    h.parameters().forEach(p -> out.add("    " + p));
                });
            }
        }
        if (out.isEmpty()) {
            for (String absent : absent()) {
                if (matches(absent, name)) {
                    out.add(absent + " " + NOT_AVAILABLE);
                }
            }
        }
        if (out.isEmpty()) {
            throw new CommandError("no command " + name + " (help lists them all)");
        }
        return String.join("\n", out);
    }

    private static boolean matches(String command, String name) {
        return name.indexOf(':') >= 0
                ? command.equalsIgnoreCase(name)
                : command.substring(command.indexOf(':') + 1).equalsIgnoreCase(name);
    }

    /** Commands that only a front offers: declared by a running bundle but not registered. */
    private TreeSet<String> absent() {
        TreeSet<String> names = new TreeSet<>();
        try {
            ServiceReference<?>[] fronts =
                    context.getServiceReferences((String) null, "(" + CommandCatalog.FRONT + "=*)");
            for (ServiceReference<?> f : fronts == null ? new ServiceReference<?>[0] : fronts) {
                String scope = String.valueOf(f.getProperty(CommandProcessor.COMMAND_SCOPE));
                for (String function : CommandCatalog.functions(f.getProperty(CommandProcessor.COMMAND_FUNCTION))) {
                    names.add(scope + ":" + function);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        names.removeAll(catalog.commands().keySet());
        return names;
    }
}

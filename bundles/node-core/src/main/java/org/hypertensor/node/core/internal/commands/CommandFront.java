package org.hypertensor.node.core.internal.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.felix.gogo.runtime.Reflective;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.hypertensor.plugin.api.shell.CommandError;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Stands before one of the node's commands (a Gogo function registered with a higher ranking under the same
 * name): calls the command when it is there, turning a call that matches none of its signatures into its
 * usage instead of Gogo's "Cannot coerce …"; says why when the command is not there (its bundle's component
 * is starting or failed) instead of "Command not found".
 */
final class CommandFront implements Function {

    /** How Gogo's method matching says that no signature fits the arguments. */
    private static final String NO_SIGNATURE = "Cannot coerce ";

    private final BundleContext context;
    private final CommandCatalog catalog;
    private final String scope;
    private final String function;
    private final Supplier<String> whyAbsent;

    CommandFront(
            BundleContext context, CommandCatalog catalog, String scope, String function, Supplier<String> whyAbsent) {
        this.context = context;
        this.catalog = catalog;
        this.scope = scope;
        this.function = function;
        this.whyAbsent = whyAbsent;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        String command = scope + ":" + function;
        ServiceReference<?> ref = catalog.find(scope, function)
                .orElseThrow(() -> new CommandError(command + " is not available: " + whyAbsent.get()));
        Object target = context.getService(ref);
        if (target == null) {
            throw new CommandError(command + " is not available: it is stopping");
        }
        try {
            if (target instanceof Function f) {
                return f.execute(session, arguments);
            }
            try {
                return Reflective.invoke(session, target, function, new ArrayList<>(arguments));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith(NO_SIGNATURE)) {
                    throw e;
                }
                throw new CommandError(usage(command, ref));
            }
        } finally {
            context.ungetService(ref);
        }
    }

    private String usage(String command, ServiceReference<?> ref) {
        List<String> usages =
                catalog.help(command, ref).map(CommandCatalog.Help::usages).orElse(List.of());
        if (usages.isEmpty()) {
            return "wrong arguments for " + command + " (see: help " + command + ")";
        }
        return "usage: " + String.join("\n       ", usages) + "   (help " + command + " says more)";
    }
}

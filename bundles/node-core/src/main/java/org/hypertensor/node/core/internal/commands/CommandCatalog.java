package org.hypertensor.node.core.internal.commands;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The shell's commands as the service registry has them (services with {@code osgi.command.scope} and
 * {@code osgi.command.function}), without the {@link CommandFront}s that stand before them: where each is,
 * what it does and how it is called.
 */
final class CommandCatalog {

    /** Service property marking a {@link CommandFront}, so that it is never taken for the command itself. */
    static final String FRONT = "hypertensor.command.front";
    /**
     * Service property of a command registered as a Gogo {@link Function}: its usage line, which the function's
     * untyped arguments cannot say (its description is the {@link Descriptor} of {@code execute}).
     */
    static final String USAGE = "hypertensor.command.usage";

    static final String COMMANDS = "(&(" + CommandProcessor.COMMAND_SCOPE + "=*)(" + CommandProcessor.COMMAND_FUNCTION
            + "=*)(!(" + FRONT + "=*)))";

    /** What help shows of one command; {@code usages} has one line per way to call it. */
    record Help(String name, String description, List<String> usages, List<String> parameters) {}

    private final BundleContext context;

    CommandCatalog(BundleContext context) {
        this.context = context;
    }

    /** Every command by {@code scope:function}, each with the reference that Gogo would call. */
    TreeMap<String, ServiceReference<?>> commands() {
        TreeMap<String, ServiceReference<?>> all = new TreeMap<>();
        for (ServiceReference<?> ref : references(COMMANDS)) {
            String scope = String.valueOf(ref.getProperty(CommandProcessor.COMMAND_SCOPE));
            for (String function : functions(ref.getProperty(CommandProcessor.COMMAND_FUNCTION))) {
                all.merge(scope + ":" + function, ref, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        return all;
    }

    /** The reference Gogo would call for {@code scope:function}, if one is registered. */
    Optional<ServiceReference<?>> find(String scope, String function) {
        return Optional.ofNullable(commands().get(scope + ":" + function));
    }

    /** The description, usage lines and parameter lines of a command; empty when its service went away meanwhile. */
    Optional<Help> help(String command, ServiceReference<?> ref) {
        String function = command.substring(command.indexOf(':') + 1);
        Object target = context.getService(ref);
        if (target == null) {
            return Optional.empty();
        }
        try {
            if (target instanceof Function) {
                Object usage = ref.getProperty(USAGE);
                List<String> usages = usage == null ? List.of() : List.of(String.valueOf(usage));
                return Optional.of(new Help(command, functionDescription(target), usages, List.of()));
            }
            List<Method> methods = CommandUsage.methods(target.getClass(), function);
            List<String> usages = new ArrayList<>();
            List<String> parameters = new ArrayList<>();
            for (Method m : methods) {
                usages.add(CommandUsage.usage(command, m));
                for (String p : CommandUsage.parameters(m)) {
                    if (!parameters.contains(p)) {
                        parameters.add(p);
                    }
                }
            }
            return Optional.of(new Help(command, CommandUsage.description(methods), usages, parameters));
        } finally {
            context.ungetService(ref);
        }
    }

    private static String functionDescription(Object target) {
        for (Method m : target.getClass().getMethods()) {
            Descriptor d = m.getAnnotation(Descriptor.class);
            if (m.getName().equals("execute") && d != null) {
                return d.value();
            }
        }
        return null;
    }

    static List<String> functions(Object property) {
        List<String> names = new ArrayList<>();
        if (property instanceof String[] array) {
            names.addAll(List.of(array));
        } else if (property instanceof Iterable<?> list) {
            list.forEach(o -> names.add(String.valueOf(o)));
        } else if (property != null) {
            names.add(String.valueOf(property));
        }
        return names;
    }

    private List<ServiceReference<?>> references(String filter) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, filter);
            return refs == null ? List.of() : List.of(refs);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.hypertensor.node.core.internal.commands;

import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.hypertensor.plugin.api.shell.CommandError;
import org.osgi.service.component.annotations.Component;

/**
 * A bare {@code head} in the node's shell: Gogo's {@code head} without a file reads the terminal and silently eats
 * the lines typed next. Without arguments this is {@code ledger:head} where the ledger runs, else a one-line
 * hint; with arguments (files) it is Gogo's {@code head}. In the {@code node} scope, searched before Gogo's.
 */
@Component(
        service = Function.class,
        immediate = true,
        property = {
            "osgi.command.scope=node",
            "osgi.command.function=head",
            CommandCatalog.USAGE + "=node:head [FILE...]"
        })
public final class HeadCommand implements Function {

    @Override
    @Descriptor("the chain's head (ledger:head); with files, their first lines (gogo:head)")
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        String delegate = arguments.isEmpty() ? "ledger:head" : "gogo:head";
        if (!(session.get(delegate) instanceof Function f)) {
            throw new CommandError(
                    arguments.isEmpty()
                            ? "head shows the chain's head, but no ledger runs here (feature:install validator);"
                                    + " for a file's first lines give the file: head FILE"
                            : "no gogo:head to show the first lines of files");
        }
        return f.execute(session, arguments);
    }
}

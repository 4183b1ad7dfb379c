package org.hypertensor.node.core.internal.shell;

import java.util.function.IntConsumer;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code node:shutdown}: stops the node from its shell, as Ctrl-D at the console does. */
@Component(
        service = ShutdownCommand.class,
        property = {"osgi.command.scope=node", "osgi.command.function=shutdown"})
public final class ShutdownCommand {

    private final IntConsumer exit;

    @Activate
    public ShutdownCommand(@Reference(target = "(hypertensor.launcher=exit)") IntConsumer exit) {
        this.exit = exit;
    }

    @Descriptor("stop the node: every bundle stops cleanly, then the process exits with status 0")
    public String shutdown() {
        exit.accept(0);
        return "Stopping the node.";
    }
}

package org.hypertensor.inference.internal.shell;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.felix.service.command.Descriptor;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.inference.internal.engines.EngineEntry;
import org.hypertensor.inference.internal.engines.EngineRegistry;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code engine:list} and {@code engine:prefer}. */
@Component(
        service = EngineCommands.class,
        immediate = true,
        property = {"osgi.command.scope=engine", "osgi.command.function=list", "osgi.command.function=prefer"})
public final class EngineCommands {

    private final EngineRegistry registry;
    private final BlockHost host;

    @Activate
    public EngineCommands(@Reference EngineRegistry registry, @Reference BlockHost host) {
        this.registry = registry;
        this.host = host;
    }

    @Descriptor("the engines, best first, with the blocks each one serves")
    public Table list() {
        Table t = Table.of("NAME", "DEVICE", "PRIORITY", "STATE", "BLOCKS", "FREE MB");
        List<HostedBlocks> hosted = host.hosted();
        boolean first = true;
        for (EngineEntry e : registry.engines()) {
            String blocks = hosted.stream()
                    .filter(h -> h.engine().equals(e.name()))
                    .map(h -> h.manifest().name() + " " + h.range())
                    .collect(Collectors.joining(", "));
            String state = blocks.isEmpty() ? (first ? "best" : "standby") : "serving";
            if (e.name().equals(registry.preferred())) {
                state += " (preferred)";
            }
            long free = e.engine().freeMemory();
            t.row(
                    e.name(),
                    e.engine().device(),
                    e.priority(),
                    state,
                    blocks.isEmpty() ? "-" : blocks,
                    free < 0 ? "-" : free >> 20);
            first = false;
        }
        return t;
    }

    @Descriptor("host blocks on this engine whenever it is available ('auto' goes back to priorities)")
    public Table prefer(@Descriptor("engine name, or auto") String name) {
        try {
            registry.prefer(name.equals("auto") ? "" : name);
        } catch (EngineException e) {
            throw new CommandError(e.getMessage());
        }
        return list();
    }
}

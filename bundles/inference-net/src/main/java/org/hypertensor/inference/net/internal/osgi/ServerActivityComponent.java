package org.hypertensor.inference.net.internal.osgi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.hypertensor.inference.net.api.ServerActivity;
import org.hypertensor.inference.net.internal.server.BlockServer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link ServerActivity} of this node's server component: its current server and those still draining. */
@Component(service = ServerActivity.class)
public final class ServerActivityComponent implements ServerActivity {

    private final ServerComponent component;

    @Activate
    public ServerActivityComponent(@Reference ServerComponent component) {
        this.component = component;
    }

    private long sum(ToLongFunction<BlockServer> figure) {
        List<BlockServer> servers = new ArrayList<>(component.draining());
        BlockServer current = component.server();
        if (current != null) {
            servers.add(current);
        }
        return servers.stream().mapToLong(figure).sum();
    }

    @Override
    public int openSessions() {
        return (int) sum(s -> s.sessions().size());
    }

    @Override
    public long stepTokens() {
        return sum(BlockServer::stepTokens);
    }

    @Override
    public long cacheUsedBytes() {
        return sum(BlockServer::reservedBytes);
    }

    @Override
    public long cacheBudgetBytes() {
        BlockServer current = component.server();
        return current == null ? 0 : current.settings().cacheBytes();
    }
}

package org.hypertensor.rpc.internal.shell;

import java.util.ArrayList;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.hypertensor.rpc.internal.dispatch.MethodRegistry;
import org.hypertensor.rpc.internal.http.RpcConfig;
import org.hypertensor.rpc.internal.http.RpcSettings;
import org.hypertensor.rpc.internal.subscribe.HeadFeed;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/** {@code rpc:status} and {@code rpc:methods}: where the JSON-RPC listens, what it served, which methods exist. */
@Component(
        service = RpcCommands.class,
        immediate = true,
        configurationPid = RpcConfig.PID,
        property = {"osgi.command.scope=rpc", "osgi.command.function=status", "osgi.command.function=methods"})
public final class RpcCommands {

    /** The HTTP Whiteboard runtime's service, by name: its endpoints say where the server really listens. */
    private static final String SERVLET_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";

    private final MethodRegistry registry;
    private final HeadFeed feed;
    private final BundleContext context;
    private volatile RpcSettings settings;

    @Activate
    public RpcCommands(
            @Reference MethodRegistry registry, @Reference HeadFeed feed, BundleContext context, RpcConfig config) {
        this.registry = registry;
        this.feed = feed;
        this.context = context;
        this.settings = RpcSettings.of(config);
    }

    @Modified
    void modified(RpcConfig config) {
        settings = RpcSettings.of(config);
    }

    @Descriptor("where the JSON-RPC listens and what it has served")
    public Report status() {
        RpcSettings s = settings;
        List<String> endpoints = endpoints();
        Table table = Table.properties()
                .row("address", s.bindAddress())
                .row("port", s.port())
                .row("listening", endpoints.isEmpty() ? "no (HTTP server not running)" : String.join(" ", endpoints))
                .row("websocket", s.websocket() ? "enabled" : "disabled")
                .row("max request bytes", s.maxRequestBytes())
                .row("max batch size", s.maxBatchSize())
                .row(
                        "allowed origins",
                        s.allowedOrigins().isEmpty()
                                ? "(none: no browser pages)"
                                : String.join(" ", s.allowedOrigins()))
                .row(
                        "request limits",
                        "body within " + s.requestTimeoutMillis() / 1000 + " s, at least " + s.minBytesPerSecond()
                                + " bytes/s; " + s.maxRequestsPerAddress() + " in flight per address"
                                + (s.limitLoopback() ? "" : " (loopback not counted)"))
                .row("unsafe methods", s.allowUnsafe() ? "served" : "refused (methods = safe)")
                .row("methods", registry.names().size())
                .row("requests served", registry.stats().requests())
                .row("errors", registry.stats().errors())
                .row("subscriptions", feed.count());
        return Report.create().section("RPC", table);
    }

    @Descriptor("the JSON-RPC methods served now, and how many services offer each")
    public Table methods() {
        Table table = Table.of("METHOD", "PROVIDERS");
        registry.providers().forEach(table::row);
        return table;
    }

    private List<String> endpoints() {
        List<String> out = new ArrayList<>();
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(SERVLET_RUNTIME, null);
            if (refs != null) {
                for (ServiceReference<?> ref : refs) {
                    Object value = ref.getProperty("osgi.http.endpoint");
                    if (value instanceof String[] array) {
                        out.addAll(List.of(array));
                    } else if (value instanceof Iterable<?> list) {
                        list.forEach(v -> out.add(String.valueOf(v)));
                    } else if (value != null) {
                        out.add(String.valueOf(value));
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}

package org.hypertensor.inference.net.internal.osgi;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.internal.client.DistributedGenerator;
import org.hypertensor.inference.net.internal.client.NoRouteException;
import org.hypertensor.inference.net.internal.client.Span;
import org.hypertensor.inference.net.internal.server.BlockServer;
import org.hypertensor.inference.net.internal.server.ServerSession;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Commands;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code infer:servers}, {@code infer:route}, {@code infer:generate}, {@code infer:sessions}. */
@Component(
        service = NetCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=infer",
            "osgi.command.function=servers",
            "osgi.command.function=route",
            "osgi.command.function=generate",
            "osgi.command.function=sessions"
        })
public final class NetCommands {

    private final ClientComponent client;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ServerComponent server;

    @Activate
    public NetCommands(@Reference ClientComponent client) {
        this.client = client;
    }

    @Descriptor("the servers of a subnet's model announced in the DHT (staked peers only): blocks, state, throughput")
    public Table servers(
            @Descriptor("subnet (default: the client's)")
                    @Parameter(
                            names = {"-s", "--subnet"},
                            absentValue = "-1")
                    long subnet) {
        long s = subnet == -1 ? client.subnet() : Commands.range(subnet, "--subnet", 0, 0xFFFF_FFFFL);
        List<BlockAnnouncement> list = call(() -> client.servers(s));
        Table t = Table.of("PEER", "BLOCKS", "STATE", "STEPS/S", "FWD TOK/S", "ENGINE", "FREE TOKENS", "VERSION");
        for (BlockAnnouncement a : list) {
            t.row(
                    a.peer().toBase58(),
                    a.range().toString(),
                    a.state().name(),
                    String.format(Locale.ROOT, "%.1f", a.throughput()),
                    String.format(Locale.ROOT, "%.0f", a.forwardTokensPerSecond()),
                    a.engine() + " (" + a.device() + ")",
                    a.freeCacheTokens(),
                    a.version());
        }
        return t;
    }

    @Descriptor("the chain of servers a generation would take now, and each server's ban")
    public Table route() {
        List<Span> spans = call(() -> {
            try {
                return client.network()
                        .route(client.subnet(), client.model(LoadProgress.NONE).manifest(), 256, true);
            } catch (NoRouteException e) {
                throw new CommandError(e.getMessage());
            }
        });
        Table t = Table.of("BLOCKS", "PEER", "STEPS/S", "PING MS");
        for (Span sp : spans) {
            t.row(
                    sp.blocks().toString(),
                    sp.server().peer().toBase58(),
                    String.format(Locale.ROOT, "%.1f", sp.server().throughput()),
                    sp.server().peer().equals(client.network().p2p().localPeerId())
                            ? "(this node)"
                            : String.format(
                                    Locale.ROOT, "%.2f", client.network().pingMillis(sp.server())));
        }
        return t;
    }

    @Descriptor("generate text through the subnet's servers, streaming")
    public Table generate(
            CommandSession session,
            @Descriptor("tokens to generate (default: max.new.tokens)")
                    @Parameter(
                            names = {"-n", "--max-tokens"},
                            absentValue = "0")
                    int maxTokens,
            @Descriptor("sampling temperature; 0 = greedy")
                    @Parameter(
                            names = {"-t", "--temperature"},
                            absentValue = "0")
                    double temperature,
            @Descriptor("keep the K most likely tokens; 0 = all")
                    @Parameter(
                            names = {"-k", "--top-k"},
                            absentValue = "0")
                    int topK,
            @Descriptor("keep the most likely tokens up to this probability")
                    @Parameter(
                            names = {"-p", "--top-p"},
                            absentValue = "1")
                    double topP,
            @Descriptor("seed of the sampler")
                    @Parameter(
                            names = {"-s", "--seed"},
                            absentValue = "0")
                    long seed,
            @Descriptor("the prompt") String prompt) {
        PrintStream out = console(session);
        try {
            SamplingOptions options = new SamplingOptions(
                    Commands.range(temperature, "--temperature", 0, 100),
                    Commands.range(topK, "--top-k", 0, 1_000_000),
                    topP,
                    seed);
            if (maxTokens != 0) {
                Commands.range(maxTokens, "--max-tokens", 1, 1_000_000);
            }
            int n = maxTokens > 0 ? maxTokens : client.defaultMaxTokens();
            DistributedGenerator generator = client.generator(LoadProgress.NONE);
            out.print(Commands.printable(prompt));
            out.flush();
            DistributedGenerator.Result r = generator.generate(prompt, n, options, piece -> {
                out.print(Commands.printable(piece));
                out.flush();
                return true;
            });
            out.println();
            return Table.properties()
                    .row("model", client.modelId() + " (subnet " + client.subnet() + ")")
                    .row("route", r.route())
                    .row("server failures", r.failures())
                    .row("prompt tokens", r.promptTokens())
                    .row("generated tokens", r.tokens().length)
                    .row("prefill ms", String.format(Locale.ROOT, "%.1f", r.prefillNanos() / 1e6))
                    .row(
                            "decode tokens/s",
                            String.format(
                                    Locale.ROOT,
                                    "%.1f",
                                    r.tokens().length <= 1 ? 0 : (r.tokens().length - 1) * 1e9 / r.decodeNanos()));
        } catch (GenerationException | ModelFormatException | IllegalArgumentException e) {
            out.println();
            throw new CommandError(e.getMessage());
        }
    }

    @Descriptor("this node's server: its blocks, state and open sessions with their cache")
    public Table sessions() {
        ServerComponent sc = server;
        BlockServer s = sc == null ? null : sc.server();
        if (s == null) {
            throw new CommandError("no inference server here (" + (sc == null ? "not configured" : sc.status()) + ")");
        }
        Instant now = Instant.now();
        Table t = Table.of("PEER", "BLOCKS", "POSITION", "MAX", "CACHE KiB", "AGE S", "IDLE S");
        rows(t, s, now);
        t.row("(server)", s.range().toString(), s.state().name(), "", s.reservedBytes() >> 10, sc.status(), "");
        for (BlockServer old : sc.draining()) {
            rows(t, old, now);
            t.row("(draining)", old.range().toString(), old.state().name(), "", old.reservedBytes() >> 10, "", "");
        }
        return t;
    }

    private static void rows(Table t, BlockServer s, Instant now) {
        for (ServerSession x : s.sessions()) {
            t.row(
                    x.peer().toBase58(),
                    x.range().toString(),
                    x.position(),
                    x.maxLength(),
                    x.cacheBytes() >> 10,
                    Duration.between(x.opened(), now).toSeconds(),
                    Duration.between(x.lastStep(), now).toSeconds());
        }
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (ModelFormatException | IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    /**
     * The session's console, except where the session was made on Gogo's own System.out (the
     * non-interactive runner's): streaming into that would write back into itself, so stdout it is.
     */
    private static PrintStream console(CommandSession session) {
        PrintStream c = session.getConsole();
        return c == null || c == System.out
                ? new PrintStream(
                        new FileOutputStream(FileDescriptor.out), true, java.nio.charset.StandardCharsets.UTF_8)
                : c;
    }
}

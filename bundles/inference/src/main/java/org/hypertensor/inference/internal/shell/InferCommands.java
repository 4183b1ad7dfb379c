package org.hypertensor.inference.internal.shell;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.internal.InferenceConfig;
import org.hypertensor.inference.internal.generate.LocalGenerator;
import org.hypertensor.inference.internal.generate.LocalModels;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Commands;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** {@code infer:local}: generate on this node, tokens streamed as they come. */
@Component(
        service = InferCommands.class,
        immediate = true,
        configurationPid = "org.hypertensor.inference",
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {"osgi.command.scope=infer", "osgi.command.function=local"})
@Designate(ocd = InferenceConfig.class)
public final class InferCommands {

    private final LocalModels local;
    private volatile InferenceConfig config;

    @Activate
    public InferCommands(@Reference ModelRepository models, @Reference BlockHost host, InferenceConfig config) {
        this.local = new LocalModels(models, host);
        this.config = config;
    }

    @Modified
    void modified(InferenceConfig config) {
        this.config = config;
    }

    @Deactivate
    void deactivate() {
        local.close();
    }

    @Descriptor("generate text from a prompt with the local model, all blocks on the best engine")
    public Table local(
            CommandSession session,
            @Descriptor("model name or directory (default: the model config key)")
                    @Parameter(
                            names = {"-m", "--model"},
                            absentValue = "")
                    String model,
            @Descriptor("tokens to generate, at least 1 (default: max.new.tokens)")
                    @Parameter(
                            names = {"-n", "--max-tokens"},
                            absentValue = "-1")
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
        InferenceConfig c = config;
        PrintStream out = Consoles.of(session);
        try {
            SamplingOptions options = new SamplingOptions(
                    Commands.range(temperature, "--temperature", 0, 100),
                    Commands.range(topK, "--top-k", 0, 1_000_000),
                    topP,
                    seed);
            if (maxTokens != -1) {
                Commands.range(maxTokens, "--max-tokens", 1, 1_000_000);
            }
            int n = maxTokens > 0 ? maxTokens : c.max_new_tokens();
            LocalModels.Ready ready = local.get(model.isEmpty() ? c.model() : model, progress(out));
            out.print("\r" + " ".repeat(60) + "\r");
            out.print(Commands.printable(prompt));
            out.flush();
            LocalGenerator generator = new LocalGenerator(
                    ready.ends(), ready.blocks(), ready.model().tokenizer());
            LocalGenerator.Result r = generator.generate(prompt, n, options, piece -> {
                out.print(Commands.printable(piece));
                out.flush();
                return true;
            });
            out.println();
            return Table.properties()
                    .row(
                            "model",
                            ready.model().manifest().name() + " ("
                                    + ready.model().manifest().shortId() + ")")
                    .row("engine", r.engine() + " (" + ready.blocks().device() + ")")
                    .row("prompt tokens", r.promptTokens().length)
                    .row("generated tokens", r.tokens().length)
                    .row("prefill ms", String.format(Locale.ROOT, "%.1f", r.prefillNanos() / 1e6))
                    .row("decode tokens/s", String.format(Locale.ROOT, "%.1f", r.decodeTokensPerSecond()));
        } catch (ModelFormatException | EngineException | IllegalArgumentException e) {
            throw new CommandError(e.getMessage());
        }
    }

    /** One console line, rewritten as the weights are verified and the blocks loaded. */
    private static LoadProgress progress(PrintStream out) {
        return (stage, done, total) -> {
            out.print("\r" + stage + " " + (total > 0 ? done * 100 / total : 100) + "%   ");
            out.flush();
        };
    }
}

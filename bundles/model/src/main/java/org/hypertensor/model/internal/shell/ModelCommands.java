package org.hypertensor.model.internal.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.model.api.Tokenizer;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.RopeScaling;
import org.hypertensor.plugin.api.engine.WeightFile;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code model:generate}, {@code model:import}, {@code model:info}, {@code model:list}, and
 * {@code model:tokenize} / {@code model:detokenize} to check a model's tokenizer against Hugging Face's.
 */
@Component(
        service = ModelCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=model",
            "osgi.command.function=generate",
            "osgi.command.function=info",
            "osgi.command.function=list",
            "osgi.command.function=import",
            "osgi.command.function=tokenize",
            "osgi.command.function=detokenize"
        })
public final class ModelCommands {

    private final ModelRepository models;

    @Activate
    public ModelCommands(@Reference ModelRepository models) {
        this.models = models;
    }

    @Descriptor("write a deterministic llama-style model to data/models/NAME")
    public Table generate(
            @Descriptor("seed of the weights")
                    @Parameter(
                            names = {"-s", "--seed"},
                            absentValue = "42")
                    long seed,
            @Descriptor("model name") String name,
            @Descriptor("size: tiny, small or 100m") String size) {
        try {
            return info(models.generate(name, size, seed, LoadProgress.NONE).toString());
        } catch (ModelFormatException | EngineException e) {
            throw new CommandError(e.getMessage());
        }
    }

    /** {@code model:import}: Gogo maps a Java keyword function name to the method with a leading underscore. */
    @Descriptor("make a Hugging Face llama checkpoint directory a model (writes its manifest.json)")
    public Table _import(
            @Descriptor("checkpoint directory") String dir, @Descriptor("model name for the manifest") String name) {
        try {
            models.importCheckpoint(java.nio.file.Path.of(dir), name, LoadProgress.NONE);
            return info(dir);
        } catch (ModelFormatException | EngineException e) {
            throw new CommandError(e.getMessage());
        }
    }

    @Descriptor("a model's manifest, with its weight hashes checked")
    public Table info(@Descriptor("model name or directory") String path) {
        try (Model model = models.open(path, LoadProgress.NONE)) {
            ModelManifest m = model.manifest();
            ModelConfig c = m.config();
            Table t = Table.properties()
                    .row("id", m.id())
                    .row("name", m.name())
                    .row("directory", model.directory())
                    .row("architecture", m.architecture())
                    .row("dtype", m.dtype())
                    .row("parameters", String.format("%,d", c.parameters()))
                    .row("vocab size", c.vocabSize())
                    .row("hidden size", c.hiddenSize())
                    .row("layers", c.numLayers())
                    .row("heads", c.numHeads())
                    .row("kv heads", c.numKvHeads())
                    .row("intermediate size", c.intermediateSize())
                    .row("rms norm eps", c.rmsNormEps())
                    .row("rope theta", c.ropeTheta())
                    .row("max positions", c.maxPositions())
                    .row("head dim", c.headDim())
                    .row("rope scaling", scaling(c.ropeScaling()))
                    .row("attention biases", c.qkvBias() ? (c.outputBias() ? "q, k, v, o" : "q, k, v") : "none")
                    .row("tied embeddings", c.tiedEmbeddings())
                    .row("sliding window", c.slidingWindow() > 0 ? c.slidingWindow() : "none")
                    .row("tokenizer", m.tokenizer());
            for (WeightFile w : m.weights()) {
                t.row("weights " + w.path(), w.sha256() + " (verified)");
            }
            return t;
        } catch (ModelFormatException | EngineException e) {
            throw new CommandError(e.getMessage());
        }
    }

    private static String scaling(RopeScaling r) {
        return switch (r.type()) {
            case RopeScaling.LINEAR -> "linear x" + r.factor();
            case RopeScaling.LLAMA3 ->
                "llama3 x" + r.factor() + " (low " + r.lowFreqFactor() + ", high " + r.highFreqFactor() + ", original "
                        + r.originalMaxPositions() + ")";
            default -> "none";
        };
    }

    @Descriptor("the token ids of a text, as the model's tokenizer gives them (compare with Hugging Face's)")
    public Table tokenize(
            @Descriptor("add the special tokens the tokenizer puts around a sequence (e.g. BOS)")
                    @Parameter(
                            names = {"-s", "--special"},
                            presentValue = "true",
                            absentValue = "false")
                    boolean special,
            @Descriptor("model name or directory") String model,
            @Descriptor("the text") String text) {
        Tokenizer tokenizer = tokenizer(model);
        Table t = Table.of("#", "ID", "TOKEN", "TEXT");
        int[] ids = tokenizer.encode(text, special);
        for (int i = 0; i < ids.length; i++) {
            t.row(i, ids[i], visible(tokenizer.token(ids[i])), visible(tokenizer.decode(new int[] {ids[i]})));
        }
        return t;
    }

    @Descriptor("the text of token ids (separated by spaces or commas)")
    public String detokenize(
            @Descriptor("leave out special tokens")
                    @Parameter(
                            names = {"-s", "--skip-special"},
                            presentValue = "true",
                            absentValue = "false")
                    boolean skipSpecial,
            @Descriptor("model name or directory") String model,
            @Descriptor("token ids") String... ids) {
        Tokenizer tokenizer = tokenizer(model);
        java.util.List<Integer> parsed = new java.util.ArrayList<>();
        for (String arg : ids) {
            for (String id : arg.split("[,\\s\\[\\]]+")) {
                if (id.isEmpty()) {
                    continue;
                }
                try {
                    int value = Integer.parseInt(id);
                    if (value < 0 || value >= tokenizer.vocabSize()) {
                        throw new CommandError("token id " + value + " is outside the vocabulary (0.."
                                + (tokenizer.vocabSize() - 1) + ")");
                    }
                    parsed.add(value);
                } catch (NumberFormatException e) {
                    throw new CommandError("'" + id + "' is not a token id");
                }
            }
        }
        return tokenizer.decode(parsed.stream().mapToInt(Integer::intValue).toArray(), skipSpecial);
    }

    private Tokenizer tokenizer(String model) {
        try {
            java.nio.file.Path dir = models.resolve(model);
            return ModelFiles.tokenizer(dir, ModelFiles.readManifest(dir));
        } catch (ModelFormatException | EngineException e) {
            throw new CommandError(e.getMessage());
        }
    }

    /** Control characters and spaces made visible, so a table shows what a token really holds. */
    private static String visible(String s) {
        if (s == null) {
            return "-";
        }
        return s.replace("\\", "\\\\")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\t", "\\t")
                .replace(" ", "\u2423");
    }

    @Descriptor("the models in data/models")
    public Table list() {
        Table t = Table.of("NAME", "ID", "LAYERS", "HIDDEN", "PARAMETERS");
        for (String name : models.names()) {
            try {
                ModelManifest m = ModelFiles.readManifest(models.resolve(name));
                t.row(
                        name,
                        m.shortId(),
                        m.config().numLayers(),
                        m.config().hiddenSize(),
                        String.format("%,d", m.config().parameters()));
            } catch (ModelFormatException e) {
                t.row(name, "-", "-", "-", e.getMessage());
            }
        }
        return t;
    }
}

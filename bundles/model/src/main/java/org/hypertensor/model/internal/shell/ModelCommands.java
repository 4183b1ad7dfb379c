package org.hypertensor.model.internal.shell;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.WeightFile;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code model:generate}, {@code model:import}, {@code model:info}, {@code model:list}. */
@Component(
        service = ModelCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=model",
            "osgi.command.function=generate",
            "osgi.command.function=info",
            "osgi.command.function=list",
            "osgi.command.function=import"
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
                    .row("tokenizer", m.tokenizer());
            for (WeightFile w : m.weights()) {
                t.row("weights " + w.path(), w.sha256() + " (verified)");
            }
            return t;
        } catch (ModelFormatException | EngineException e) {
            throw new CommandError(e.getMessage());
        }
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

package org.hypertensor.inference.internal.generate;

import java.nio.file.Path;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.plugin.api.engine.BlockRange;

/**
 * The model {@code infer:local} last used, kept open with all its blocks hosted (a second prompt does not
 * reload it); another model replaces it.
 */
public final class LocalModels implements AutoCloseable {

    /** A model ready to generate with. */
    public record Ready(Model model, HostedBlocks blocks, ModelEnds ends) {}

    private final ModelRepository models;
    private final BlockHost host;
    private Path path;
    private Ready ready;

    public LocalModels(ModelRepository models, BlockHost host) {
        this.models = models;
        this.host = host;
    }

    /** The model if it is the one loaded now, else null (nothing is loaded or closed). */
    public synchronized Ready loaded(String nameOrPath) {
        Path dir = models.resolve(nameOrPath).toAbsolutePath().normalize();
        return ready != null && dir.equals(path) && !ready.blocks().isClosed() ? ready : null;
    }

    public synchronized Ready get(String nameOrPath, LoadProgress progress) {
        Path dir = models.resolve(nameOrPath).toAbsolutePath().normalize();
        if (ready != null && dir.equals(path) && !ready.blocks().isClosed()) {
            return ready;
        }
        close();
        Model model = models.open(dir.toString(), progress);
        try {
            String stage = "loading " + model.manifest().config().numLayers() + " blocks";
            progress.progress(stage, 0, 1);
            HostedBlocks blocks = host.host(
                    model.manifest(),
                    BlockRange.all(model.manifest().config().numLayers()),
                    new ProgressWeights(model.weights(), progress, stage));
            progress.progress(stage, 1, 1);
            ready = new Ready(model, blocks, new ModelEnds(model.manifest().config(), model.weights()));
            path = dir;
            return ready;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (ready != null) {
            ready.blocks().close();
            ready.model().close();
            ready = null;
            path = null;
        }
    }
}

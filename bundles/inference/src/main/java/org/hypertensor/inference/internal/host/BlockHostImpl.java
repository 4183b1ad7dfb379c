package org.hypertensor.inference.internal.host;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.inference.internal.engines.EngineRegistry;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.WeightSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Places every hosted range on the best engine for it, again whenever the engines change. */
@Component(service = BlockHost.class, immediate = true)
public final class BlockHostImpl implements BlockHost, EngineRegistry.Listener {

    private final EngineRegistry registry;
    private final List<Hosted> hosted = new CopyOnWriteArrayList<>();

    @Activate
    public BlockHostImpl(@Reference EngineRegistry registry) {
        this.registry = registry;
        registry.addListener(this);
    }

    @Deactivate
    void deactivate() {
        registry.removeListener(this);
        for (Hosted h : List.copyOf(hosted)) {
            h.close();
        }
    }

    @Override
    public HostedBlocks host(ModelManifest manifest, BlockRange range, WeightSource weights) {
        range.checkWithin(manifest.config().numLayers());
        var candidates = registry.candidates(manifest);
        if (candidates.isEmpty()) {
            throw new EngineException("no engine can run " + manifest.architecture() + "/" + manifest.dtype()
                    + " (engines: "
                    + (registry.engines().isEmpty()
                            ? "none; install engine-java"
                            : String.join(
                                    ", ",
                                    registry.engines().stream()
                                            .map(e -> e.name())
                                            .toList()))
                    + ")");
        }
        Hosted h = new Hosted(this, manifest, range, weights);
        h.placeOn(candidates);
        hosted.add(h);
        return h;
    }

    @Override
    public List<HostedBlocks> hosted() {
        return List.copyOf(hosted);
    }

    @Override
    public void enginesChanged() {
        for (Hosted h : hosted) {
            h.placeOn(registry.candidates(h.manifest()));
        }
    }

    void unhosted(Hosted h) {
        hosted.remove(h);
    }
}

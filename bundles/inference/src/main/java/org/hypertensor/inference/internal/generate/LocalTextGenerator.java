package org.hypertensor.inference.internal.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.api.generate.Completion;
import org.hypertensor.inference.api.generate.CompletionRequest;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.GenerationException.Kind;
import org.hypertensor.inference.api.generate.GeneratorModel;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.ModelRepository;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.EngineMemoryException;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.RangeException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code local} {@link TextGenerator}: every block on this node, as {@code infer:local} runs them. Its model
 * ids are the names under {@code data/models} ({@code model:list}); a request never names a path. One model is
 * kept loaded; asking for another waits for the generations on the current one, then replaces it.
 */
@Component(service = TextGenerator.class, property = TextGenerator.MODE + "=local")
public final class LocalTextGenerator implements TextGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTextGenerator.class);

    private final ModelRepository models;
    private final LocalModels loaded;
    /** Generations hold it shared; replacing the loaded model holds it exclusively. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    @Activate
    public LocalTextGenerator(@Reference ModelRepository models, @Reference BlockHost host) {
        this.models = models;
        this.loaded = new LocalModels(models, host);
    }

    @Deactivate
    public void close() {
        lock.writeLock().lock();
        try {
            loaded.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<GeneratorModel> models() {
        List<GeneratorModel> out = new ArrayList<>();
        for (String name : models.names()) {
            try {
                ModelManifest m = models.manifest(name);
                out.add(new GeneratorModel(
                        name,
                        0,
                        m.config().maxPositions(),
                        m.name() + " (" + m.shortId() + "), " + m.config().numLayers() + " blocks on this node"));
            } catch (ModelFormatException e) {
                LOG.debug("Model {} not offered: {}", name, e.getMessage());
            }
        }
        return out;
    }

    @Override
    public Completion generate(CompletionRequest request, Listener listener) {
        if (!models.names().contains(request.model())) {
            throw new GenerationException(
                    Kind.UNKNOWN_MODEL, "no local model '" + request.model() + "' (model:list shows them)");
        }
        LocalModels.Ready ready = acquire(request.model());
        try {
            LocalGenerator.Result r = new LocalGenerator(
                            ready.ends(), ready.blocks(), ready.model().tokenizer())
                    .generate(request, listener);
            Completion.Finish finish = r.stopped() || r.tokens().length < request.maxTokens()
                    ? Completion.Finish.STOP
                    : Completion.Finish.LENGTH;
            return new Completion(r.text(), r.promptTokens().length, r.tokens().length, finish, "local:" + r.engine());
        } catch (RangeException | IllegalArgumentException e) {
            throw new GenerationException(Kind.INVALID_REQUEST, e.getMessage(), e);
        } catch (EngineMemoryException e) {
            throw new GenerationException(Kind.UNAVAILABLE, e.getMessage(), e);
        } catch (EngineException e) {
            // no engine can run the blocks now (one is being swapped or none is installed)
            throw new GenerationException(Kind.UNAVAILABLE, e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The model ready to generate with, the read lock held (the caller releases it). */
    private LocalModels.Ready acquire(String name) {
        lock.readLock().lock();
        try {
            LocalModels.Ready ready = loaded.loaded(name);
            if (ready != null) {
                return ready;
            }
        } catch (RuntimeException e) {
            lock.readLock().unlock();
            throw failure(name, e);
        }
        lock.readLock().unlock();
        lock.writeLock().lock();
        try {
            LOG.info(
                    "Loading model {} for local generation (weights verified, then {} blocks hosted)",
                    name,
                    models.manifest(name).config().numLayers());
            long t0 = System.nanoTime();
            LocalModels.Ready ready = loaded.get(name, LoadProgress.NONE);
            LOG.info(
                    "Model {} ready on {} in {} ms",
                    name,
                    ready.blocks().engine(),
                    (System.nanoTime() - t0) / 1_000_000);
            lock.readLock().lock(); // downgrade: no other model can replace it before this generation runs
            return ready;
        } catch (RuntimeException e) {
            throw failure(name, e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static GenerationException failure(String name, RuntimeException e) {
        if (e instanceof ModelFormatException) {
            return new GenerationException(Kind.INTERNAL, "model " + name + " cannot be loaded: " + e.getMessage(), e);
        }
        if (e instanceof EngineException) {
            return new GenerationException(Kind.UNAVAILABLE, e.getMessage(), e);
        }
        return new GenerationException(Kind.INTERNAL, "model " + name + " cannot be loaded: " + e, e);
    }
}

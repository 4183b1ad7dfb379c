package org.hypertensor.engine.java.internal;

import java.util.Set;
import org.hypertensor.engine.java.internal.blocks.JavaLoadedBlocks;
import org.hypertensor.engine.java.internal.compute.DotKernels;
import org.hypertensor.engine.java.internal.compute.KernelChoice;
import org.hypertensor.engine.java.internal.compute.Parallel;
import org.hypertensor.engine.java.internal.weights.WeightFormat;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.MemoryBudget;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.WeightSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pure-Java engine: the reference every other engine is compared with, and the CPU fallback. */
@Component(
        configurationPid = "org.hypertensor.engine.java",
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {
            EngineProperties.NAME + "=" + JavaEngine.NAME,
            EngineProperties.DEVICE + "=" + EngineProperties.CPU,
            EngineProperties.PRIORITY + ":Integer=" + JavaEngine.PRIORITY,
            EngineProperties.ARCHITECTURES + "=llama",
            EngineProperties.DTYPES + "=F32",
            EngineProperties.DTYPES + "=F16",
            EngineProperties.DTYPES + "=BF16"
        })
@Designate(ocd = JavaEngineConfig.class)
public final class JavaEngine implements InferenceEngine, AutoCloseable {

    static final String NAME = "java";
    static final int PRIORITY = 10;
    private static final Logger LOG = LoggerFactory.getLogger(JavaEngine.class);

    private final Parallel parallel;
    private final DotKernels kernels;
    private final MemoryBudget budget;
    private final WeightFormat format;

    @Activate
    public JavaEngine(JavaEngineConfig config) {
        this(
                config.threads(),
                (long) config.cache_max_mb() << 20,
                format(config.weights()),
                KernelChoice.choose(mode(config.kernels())));
    }

    private static KernelChoice.Mode mode(String configured) {
        try {
            return KernelChoice.Mode.parse(configured);
        } catch (IllegalArgumentException e) {
            LOG.warn("Configuration kernels: {}; using auto", e.getMessage());
            return KernelChoice.Mode.AUTO;
        }
    }

    private static WeightFormat format(String configured) {
        try {
            return WeightFormat.parse(configured);
        } catch (IllegalArgumentException e) {
            LOG.warn("Configuration weights: {}; using native", e.getMessage());
            return WeightFormat.NATIVE;
        }
    }

    /** For use outside a container (tests, benchmarks): weights kept as stored. */
    public JavaEngine(int threads, long cacheBytes) {
        this(threads, cacheBytes, WeightFormat.NATIVE);
    }

    /** For use outside a container, with the weights held in {@code format}; kernels {@code auto}. */
    public JavaEngine(int threads, long cacheBytes, WeightFormat format) {
        this(threads, cacheBytes, format, KernelChoice.choose(KernelChoice.Mode.AUTO));
    }

    /** For use outside a container, with the weights held in {@code format}, computed by {@code kernels}. */
    public JavaEngine(int threads, long cacheBytes, WeightFormat format, DotKernels kernels) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.parallel = new Parallel(n);
        this.kernels = kernels;
        this.budget = new MemoryBudget(cacheBytes);
        this.format = format;
        LOG.info(
                "Java engine ready: {} threads, {} MB of attention cache, {} weights, kernels: {}",
                n,
                cacheBytes >> 20,
                format.name().toLowerCase(java.util.Locale.ROOT),
                kernels.description());
    }

    /** What {@code engine:java} prints: threads, weight format, kernels and free attention cache. */
    public String describe() {
        return "threads: " + parallel.threads()
                + "\nweights: " + format.name().toLowerCase(java.util.Locale.ROOT)
                + "\nkernels: " + kernels.description()
                + "\nattention cache free: " + (budget.free() >> 20) + " MB";
    }

    @Deactivate
    public void close() {
        parallel.close();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String device() {
        return EngineProperties.CPU;
    }

    @Override
    public Set<String> architectures() {
        return Set.of("llama");
    }

    @Override
    public Set<DType> dtypes() {
        return Set.of(DType.F32, DType.F16, DType.BF16);
    }

    @Override
    public long freeMemory() {
        return budget.free();
    }

    @Override
    public LoadedBlocks load(ModelManifest manifest, BlockRange range, WeightSource weights) {
        if (!supports(manifest)) {
            throw new EngineException("the java engine cannot run " + manifest.architecture() + "/" + manifest.dtype());
        }
        long t0 = System.nanoTime();
        JavaLoadedBlocks blocks =
                JavaLoadedBlocks.load(NAME, manifest, range, weights, parallel, kernels, budget, format);
        LOG.info(
                "Loaded blocks {} of {} ({} MB) in {} ms",
                range,
                manifest.shortId(),
                blocks.weightBytes() >> 20,
                (System.nanoTime() - t0) / 1_000_000);
        return blocks;
    }
}

package org.hypertensor.engine.tensorflow.internal;

import java.util.Set;
import org.hypertensor.engine.tensorflow.internal.graph.TfLoadedBlocks;
import org.hypertensor.engine.tensorflow.internal.runtime.TfRuntime;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.MemoryBudget;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.WeightSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The TensorFlow engine on a started {@link TfRuntime}. Usable outside a container (tests, benchmarks). */
public final class TensorFlowEngine implements InferenceEngine {

    public static final String NAME = "tensorflow";
    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowEngine.class);

    private final TfRuntime runtime;
    private final MemoryBudget budget;
    private final boolean keepHalf;

    /** BF16/F16 linear weights kept 16-bit. */
    public TensorFlowEngine(TfRuntime runtime, long cacheBytes) {
        this(runtime, cacheBytes, true);
    }

    /**
     * With {@code keepHalf}, BF16/F16 linear weights stay 16-bit and are cast in the graph (half the memory;
     * on CPU the cast costs decode speed), else they are expanded to float32 when loaded.
     */
    public TensorFlowEngine(TfRuntime runtime, long cacheBytes, boolean keepHalf) {
        this.runtime = runtime;
        this.budget = new MemoryBudget(cacheBytes);
        this.keepHalf = keepHalf;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String device() {
        return runtime.device();
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
            throw new EngineException(
                    "the tensorflow engine cannot run " + manifest.architecture() + "/" + manifest.dtype());
        }
        long t0 = System.nanoTime();
        TfLoadedBlocks blocks = new TfLoadedBlocks(
                NAME, runtime.device(), manifest, range, weights, runtime.config(), budget, keepHalf);
        LOG.info(
                "Loaded blocks {} of {} ({} MB) on {} in {} ms",
                range,
                manifest.shortId(),
                blocks.weightBytes() >> 20,
                runtime.device(),
                (System.nanoTime() - t0) / 1_000_000);
        return blocks;
    }
}

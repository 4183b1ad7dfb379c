package org.example.engine;

import java.util.Set;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.MemoryBudget;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.RopeScaling;
import org.hypertensor.plugin.api.engine.WeightSource;
import org.osgi.service.component.annotations.Component;

/**
 * An engine that computes every block in double precision, one thread, plain loops: slow, but a useful
 * second opinion when a subnet team wants to check its fast engine. Registered with a low priority, so
 * the node only uses it when nothing better is installed or an operator runs {@code engine:prefer f64}.
 */
@Component(
        property = {
            EngineProperties.NAME + "=f64",
            EngineProperties.DEVICE + "=" + EngineProperties.CPU,
            EngineProperties.PRIORITY + ":Integer=5",
            EngineProperties.ARCHITECTURES + "=llama",
            EngineProperties.DTYPES + "=F32"
        })
public class DoubleEngine implements InferenceEngine {

    private final MemoryBudget budget = new MemoryBudget(256L << 20);

    @Override
    public String name() {
        return "f64";
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
        return Set.of(DType.F32);
    }

    @Override
    public long freeMemory() {
        return budget.free();
    }

    @Override
    public LoadedBlocks load(ModelManifest manifest, BlockRange range, WeightSource weights) {
        if (!supports(manifest)) {
            throw new EngineException(
                    "the f64 engine runs llama/F32 only, not " + manifest.architecture() + "/" + manifest.dtype());
        }
        ModelConfig c = manifest.config();
        // an engine must compute every variant the config declares, or refuse it (plugin API 1.2)
        if (c.qkvBias()
                || c.outputBias()
                || c.qDim() != c.hiddenSize()
                || !c.ropeScaling().equals(RopeScaling.NONE)) {
            throw new EngineException("the f64 engine runs plain llama blocks only (no attention biases,"
                    + " head_dim = hidden / heads, no rope scaling)");
        }
        range.checkWithin(c.numLayers());
        return new DoubleBlocks(manifest, range, weights, budget);
    }
}

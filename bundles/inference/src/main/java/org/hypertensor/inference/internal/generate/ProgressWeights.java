package org.hypertensor.inference.internal.generate;

import java.nio.ShortBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * The model's weights as an engine reads them while it builds blocks, reporting each distinct tensor read as
 * progress: engines build all blocks in one call, so this is the only place loading can be seen to advance.
 * Engines may read from several threads.
 */
final class ProgressWeights implements WeightSource {

    private final WeightSource weights;
    private final LoadProgress progress;
    private final String stage;
    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private final int total;

    ProgressWeights(WeightSource weights, LoadProgress progress, String stage) {
        this.weights = weights;
        this.progress = progress;
        this.stage = stage;
        this.total = weights.names().size();
    }

    @Override
    public Set<String> names() {
        return weights.names();
    }

    @Override
    public Tensor tensor(String name) {
        Tensor t = weights.tensor(name);
        counted(name);
        return t;
    }

    @Override
    public int[] shape(String name) {
        return weights.shape(name);
    }

    @Override
    public DType dtype(String name) {
        return weights.dtype(name);
    }

    @Override
    public Optional<ShortBuffer> bits16(String name) {
        Optional<ShortBuffer> bits = weights.bits16(name);
        if (bits.isPresent()) {
            counted(name);
        }
        return bits;
    }

    private void counted(String name) {
        if (read.add(name)) {
            // never 100 % here: the caller reports the end once the engine has finished
            progress.progress(stage, Math.min(read.size(), total - 1L), total);
        }
    }
}

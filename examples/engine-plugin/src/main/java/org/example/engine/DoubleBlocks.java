package org.example.engine;

import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineChecks;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.MemoryBudget;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightSource;

/** The loaded blocks: weights stay in the (mapped) weight source and are read as doubles when used. */
final class DoubleBlocks implements LoadedBlocks {

    private final ModelManifest manifest;
    private final BlockRange range;
    private final WeightSource weights;
    private final MemoryBudget budget;
    private volatile boolean closed;

    DoubleBlocks(ModelManifest manifest, BlockRange range, WeightSource weights, MemoryBudget budget) {
        this.manifest = manifest;
        this.range = range;
        this.weights = weights;
        this.budget = budget;
        ModelConfig c = manifest.config();
        for (int b = range.start(); b < range.end(); b++) { // check every shape now, not at the first step
            weights.tensor(TensorNames.block(b, TensorNames.Q), c.hiddenSize(), c.hiddenSize());
            weights.tensor(TensorNames.block(b, TensorNames.K), c.kvDim(), c.hiddenSize());
            weights.tensor(TensorNames.block(b, TensorNames.V), c.kvDim(), c.hiddenSize());
            weights.tensor(TensorNames.block(b, TensorNames.O), c.hiddenSize(), c.hiddenSize());
            weights.tensor(TensorNames.block(b, TensorNames.GATE), c.intermediateSize(), c.hiddenSize());
            weights.tensor(TensorNames.block(b, TensorNames.UP), c.intermediateSize(), c.hiddenSize());
            weights.tensor(TensorNames.block(b, TensorNames.DOWN), c.hiddenSize(), c.intermediateSize());
        }
    }

    @Override
    public ModelManifest manifest() {
        return manifest;
    }

    @Override
    public BlockRange range() {
        return range;
    }

    @Override
    public String engine() {
        return "f64";
    }

    @Override
    public String device() {
        return EngineProperties.CPU;
    }

    @Override
    public long weightBytes() {
        return 0; // read from the mapped files, not copied
    }

    @Override
    public InferenceSession openSession(int batch, int maxLength) {
        if (closed) {
            throw new EngineException("blocks " + range + " were unloaded");
        }
        EngineChecks.checkSession(manifest.config(), batch, maxLength);
        long bytes = 2L * batch * maxLength * range.size() * manifest.config().kvDim() * Double.BYTES;
        budget.reserve(bytes);
        return new DoubleSession(
                batch, maxLength, range.size(), manifest.config().kvDim(), bytes, budget);
    }

    @Override
    public Tensor forward(Tensor hidden, InferenceSession session) {
        if (closed) {
            throw new EngineException("blocks " + range + " were unloaded");
        }
        if (!(session instanceof DoubleSession s)) {
            throw new EngineException("the session was not opened by the f64 engine");
        }
        ModelConfig c = manifest.config();
        int seq = EngineChecks.checkStep(hidden, c.hiddenSize(), s);
        int h = c.hiddenSize();
        float[] out = new float[hidden.size()];
        for (int b = 0; b < s.batch(); b++) {
            for (int t = 0; t < seq; t++) {
                double[] x = new double[h];
                for (int i = 0; i < h; i++) {
                    x[i] = hidden.get((b * seq + t) * h + i);
                }
                for (int block = 0; block < range.size(); block++) {
                    x = DoubleMath.block(
                            c,
                            weights,
                            range.start() + block,
                            x,
                            s.position() + t,
                            s.keys(block, b),
                            s.values(block, b));
                }
                for (int i = 0; i < h; i++) {
                    out[(b * seq + t) * h + i] = (float) x[i];
                }
            }
        }
        s.advance(seq);
        return Tensor.wrap(out, hidden.shape());
    }

    @Override
    public void close() {
        closed = true;
    }
}

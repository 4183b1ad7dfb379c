package org.hypertensor.engine.java.internal.blocks;

import org.hypertensor.engine.java.internal.compute.DotKernels;
import org.hypertensor.engine.java.internal.compute.Parallel;
import org.hypertensor.engine.java.internal.weights.WeightFormat;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineChecks;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.EngineMemoryException;
import org.hypertensor.plugin.api.engine.EngineProperties;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.MemoryBudget;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.RotaryTable;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.WeightSource;

/** A block range held on the Java heap, computed by {@link DecoderBlock}s on the engine's threads. */
public final class JavaLoadedBlocks implements LoadedBlocks {

    private final String engine;
    private final ModelManifest manifest;
    private final BlockRange range;
    private final Parallel parallel;
    private final DotKernels kernels;
    private final MemoryBudget budget;
    private final long weightBytes;
    private volatile DecoderBlock[] blocks;

    private JavaLoadedBlocks(
            String engine,
            ModelManifest manifest,
            BlockRange range,
            Parallel parallel,
            DotKernels kernels,
            MemoryBudget budget,
            DecoderBlock[] blocks,
            long weightBytes) {
        this.engine = engine;
        this.manifest = manifest;
        this.range = range;
        this.parallel = parallel;
        this.kernels = kernels;
        this.budget = budget;
        this.blocks = blocks;
        this.weightBytes = weightBytes;
    }

    /**
     * Reads and checks the weights of {@code range} into {@code format}, to be computed by {@code kernels};
     * refuses a range that would not fit in the heap.
     */
    public static JavaLoadedBlocks load(
            String engine,
            ModelManifest manifest,
            BlockRange range,
            WeightSource weights,
            Parallel parallel,
            DotKernels kernels,
            MemoryBudget budget,
            WeightFormat format) {
        ModelConfig c = manifest.config();
        range.checkWithin(c.numLayers());
        long bytes = range.size() * c.blockParameters() * format.bytesPerWeight(manifest.dtype());
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (bytes > free) {
            throw new EngineMemoryException(
                    "blocks " + range + " need " + (bytes >> 20) + " MB of heap, " + (free >> 20) + " MB are free");
        }
        RotaryTable rope = new RotaryTable(c);
        DecoderBlock[] blocks = new DecoderBlock[range.size()];
        long held = 0;
        for (int i = 0; i < blocks.length; i++) {
            BlockWeights w = BlockWeights.read(weights, c, range.start() + i, format, kernels.bf16Tile());
            held += w.bytes();
            blocks[i] = new DecoderBlock(c, w, rope);
        }
        return new JavaLoadedBlocks(engine, manifest, range, parallel, kernels, budget, blocks, held);
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
        return engine;
    }

    @Override
    public String device() {
        return EngineProperties.CPU;
    }

    @Override
    public long weightBytes() {
        return weightBytes;
    }

    @Override
    public InferenceSession openSession(int batch, int maxLength) {
        live();
        ModelConfig c = manifest.config();
        EngineChecks.checkSession(c, batch, maxLength, true); // sliding windows are attended (DecoderBlock)
        long bytes = (long) batch * maxLength * c.cacheBytesPerToken(range);
        budget.reserve(bytes);
        try {
            return new JavaSession(this, c, batch, maxLength, range.size(), bytes);
        } catch (OutOfMemoryError e) {
            budget.release(bytes);
            throw new EngineMemoryException("no heap left for a " + (bytes >> 20) + " MB attention cache");
        }
    }

    @Override
    public Tensor forward(Tensor hidden, InferenceSession session) {
        DecoderBlock[] current = live();
        if (!(session instanceof JavaSession s) || !s.belongsTo(this)) {
            throw new EngineException("the session was not opened on these blocks");
        }
        synchronized (s) {
            int seq = EngineChecks.checkStep(hidden, manifest.config().hiddenSize(), s);
            int batch = hidden.dim(0);
            float[] x = hidden.toArray();
            int start = s.position();
            StepBuffers buffers = s.buffers(batch * seq);
            for (int i = 0; i < current.length; i++) {
                current[i].forward(parallel, kernels, x, batch, seq, start, s.layer(i), buffers);
            }
            s.advance(seq);
            return Tensor.wrap(x, batch, seq, manifest.config().hiddenSize());
        }
    }

    void released(long bytes) {
        budget.release(bytes);
    }

    private DecoderBlock[] live() {
        DecoderBlock[] current = blocks;
        if (current == null) {
            throw new EngineException("blocks " + range + " were unloaded");
        }
        return current;
    }

    @Override
    public void close() {
        blocks = null;
    }
}

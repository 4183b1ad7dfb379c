package org.hypertensor.verification.internal;

import java.util.Set;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * A test engine plugin: the real engine it wraps, whose every output is moved by {@code delta} while
 * {@link #perturb} is on — a server that returns wrong hidden states.
 */
final class PerturbingEngine implements InferenceEngine {

    private final InferenceEngine engine;
    private final float delta;
    private volatile boolean perturb;

    PerturbingEngine(InferenceEngine engine, float delta) {
        this.engine = engine;
        this.delta = delta;
    }

    void perturb(boolean on) {
        perturb = on;
    }

    @Override
    public String name() {
        return engine.name();
    }

    @Override
    public String device() {
        return engine.device();
    }

    @Override
    public Set<String> architectures() {
        return engine.architectures();
    }

    @Override
    public Set<DType> dtypes() {
        return engine.dtypes();
    }

    @Override
    public long freeMemory() {
        return engine.freeMemory();
    }

    @Override
    public LoadedBlocks load(ModelManifest manifest, BlockRange range, WeightSource weights) {
        LoadedBlocks blocks = engine.load(manifest, range, weights);
        return new LoadedBlocks() {
            @Override
            public ModelManifest manifest() {
                return blocks.manifest();
            }

            @Override
            public BlockRange range() {
                return blocks.range();
            }

            @Override
            public String engine() {
                return blocks.engine();
            }

            @Override
            public String device() {
                return blocks.device();
            }

            @Override
            public long weightBytes() {
                return blocks.weightBytes();
            }

            @Override
            public InferenceSession openSession(int batch, int maxLength) {
                return blocks.openSession(batch, maxLength);
            }

            @Override
            public Tensor forward(Tensor hidden, InferenceSession session) {
                Tensor out = blocks.forward(hidden, session);
                if (!perturb) {
                    return out;
                }
                float[] v = out.toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] += delta;
                }
                return Tensor.wrap(v, out.shape());
            }

            @Override
            public void close() {
                blocks.close();
            }
        };
    }
}

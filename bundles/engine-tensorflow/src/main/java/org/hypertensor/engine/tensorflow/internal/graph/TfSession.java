package org.hypertensor.engine.tensorflow.internal.graph;

import org.hypertensor.plugin.api.engine.AbstractSession;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A session's keys and values per block as native tensors {@code [batch, position, kvHeads, headDim]},
 * replaced by each step's longer ones; its memory is reserved for {@code maxLength} when opened.
 */
final class TfSession extends AbstractSession {

    private final TfLoadedBlocks owner;
    private TFloat32[] keys;
    private TFloat32[] values;

    TfSession(TfLoadedBlocks owner, int batch, int maxLength, int blocks, ModelConfig c, long bytes) {
        super(batch, maxLength, bytes, owner::released);
        this.owner = owner;
        keys = new TFloat32[blocks];
        values = new TFloat32[blocks];
        for (int i = 0; i < blocks; i++) {
            keys[i] = TFloat32.tensorOf(Shape.of(batch, 0, c.numKvHeads(), c.headDim()));
            values[i] = TFloat32.tensorOf(Shape.of(batch, 0, c.numKvHeads(), c.headDim()));
        }
    }

    boolean belongsTo(TfLoadedBlocks blocks) {
        return owner == blocks;
    }

    TFloat32 keys(int layer) {
        return keys[layer];
    }

    TFloat32 values(int layer) {
        return values[layer];
    }

    void replace(int layer, TFloat32 k, TFloat32 v) {
        keys[layer].close();
        values[layer].close();
        keys[layer] = k;
        values[layer] = v;
    }

    @Override
    protected void freeCache() {
        TfLoadedBlocks.close(keys);
        TfLoadedBlocks.close(values);
        keys = null;
        values = null;
    }
}

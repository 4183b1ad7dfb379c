package org.hypertensor.engine.tensorflow.internal.graph;

import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A session's keys and values per block as native tensors {@code [batch, position, kvHeads, headDim]},
 * replaced by each step's longer ones; its memory is reserved for {@code maxLength} when opened.
 */
final class TfSession implements InferenceSession {

    private final TfLoadedBlocks owner;
    private final int batch;
    private final int maxLength;
    private final long bytes;
    private TFloat32[] keys;
    private TFloat32[] values;
    private int position;

    TfSession(TfLoadedBlocks owner, int batch, int maxLength, int blocks, ModelConfig c, long bytes) {
        this.owner = owner;
        this.batch = batch;
        this.maxLength = maxLength;
        this.bytes = bytes;
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

    void advance(int seq) {
        position += seq;
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public synchronized int position() {
        return position;
    }

    @Override
    public long cacheBytes() {
        return bytes;
    }

    @Override
    public synchronized boolean isClosed() {
        return keys == null;
    }

    @Override
    public synchronized void close() {
        if (keys != null) {
            TfLoadedBlocks.close(keys);
            TfLoadedBlocks.close(values);
            keys = null;
            values = null;
            owner.released(bytes);
        }
    }
}

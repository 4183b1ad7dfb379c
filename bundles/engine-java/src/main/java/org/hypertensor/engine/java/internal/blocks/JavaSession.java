package org.hypertensor.engine.java.internal.blocks;

import org.hypertensor.plugin.api.engine.InferenceSession;

/** The caches of one session over the loaded blocks; the bytes are returned to the budget on close. */
final class JavaSession implements InferenceSession {

    private final JavaLoadedBlocks owner;
    private final int batch;
    private final int maxLength;
    private final long bytes;
    private LayerCache[] layers;
    private int position;

    JavaSession(JavaLoadedBlocks owner, int batch, int maxLength, int blocks, int kvDim, long bytes) {
        this.owner = owner;
        this.batch = batch;
        this.maxLength = maxLength;
        this.bytes = bytes;
        this.layers = new LayerCache[blocks];
        for (int i = 0; i < blocks; i++) {
            layers[i] = new LayerCache(batch, maxLength, kvDim);
        }
    }

    boolean belongsTo(JavaLoadedBlocks blocks) {
        return owner == blocks;
    }

    LayerCache layer(int i) {
        return layers[i];
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
        return layers == null;
    }

    @Override
    public synchronized void close() {
        if (layers != null) {
            layers = null;
            owner.released(bytes);
        }
    }
}

package org.hypertensor.engine.java.internal.blocks;

import org.hypertensor.plugin.api.engine.AbstractSession;
import org.hypertensor.plugin.api.engine.ModelConfig;

/** The caches of one session over the loaded blocks; the bytes are returned to the budget on close. */
final class JavaSession extends AbstractSession {

    private final JavaLoadedBlocks owner;
    private final ModelConfig config;
    private LayerCache[] layers;
    /** The decode steps' buffers ({@code batch} rows), made at the first one; guarded by the session's lock. */
    private StepBuffers decode;

    JavaSession(JavaLoadedBlocks owner, ModelConfig config, int batch, int maxLength, int blocks, long bytes) {
        super(batch, maxLength, bytes, owner::released);
        this.owner = owner;
        this.config = config;
        int kvDim = config.kvDim();
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

    /**
     * Buffers for a pass of {@code rows} rows: the session's own for a decode step (kept: a few rows' worth), fresh
     * ones for a prefill (shared by its layers, then dropped, so a long prompt leaves no large buffers behind).
     */
    synchronized StepBuffers buffers(int rows) {
        if (rows != batch()) {
            return new StepBuffers(config, rows);
        }
        if (decode == null) {
            decode = new StepBuffers(config, rows);
        }
        return decode;
    }

    @Override
    protected void freeCache() {
        layers = null; // the decode buffers are a few rows: they go with the session
    }
}

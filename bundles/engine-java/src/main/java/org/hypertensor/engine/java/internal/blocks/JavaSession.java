package org.hypertensor.engine.java.internal.blocks;

import org.hypertensor.plugin.api.engine.AbstractSession;

/** The caches of one session over the loaded blocks; the bytes are returned to the budget on close. */
final class JavaSession extends AbstractSession {

    private final JavaLoadedBlocks owner;
    private LayerCache[] layers;

    JavaSession(JavaLoadedBlocks owner, int batch, int maxLength, int blocks, int kvDim, long bytes) {
        super(batch, maxLength, bytes, owner::released);
        this.owner = owner;
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

    @Override
    protected void freeCache() {
        layers = null;
    }
}

package org.hypertensor.inference.internal.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * A session on hosted blocks: the engine's session plus every step's input, so that after a move it is
 * rebuilt on the new engine by replaying the same steps. {@link Hosted} calls it synchronized on it.
 */
final class HostedSession implements InferenceSession {

    private final Hosted owner;
    private final int batch;
    private final int maxLength;
    private final List<Tensor> inputs = new ArrayList<>();
    private InferenceSession inner;
    private LoadedBlocks innerBlocks;
    private final AtomicInteger position = new AtomicInteger();
    private volatile boolean closed;

    HostedSession(Hosted owner, int batch, int maxLength) {
        this.owner = owner;
        this.batch = batch;
        this.maxLength = maxLength;
    }

    /** The engine session on {@code blocks}, rebuilt from the recorded inputs if it was on others. */
    InferenceSession on(LoadedBlocks blocks) {
        if (innerBlocks != blocks) {
            closeInner();
            InferenceSession fresh = blocks.openSession(batch, maxLength);
            try {
                for (Tensor input : inputs) {
                    blocks.forward(input, fresh);
                }
            } catch (RuntimeException e) {
                fresh.close();
                throw e;
            }
            inner = fresh;
            innerBlocks = blocks;
        }
        return inner;
    }

    void stepped(Tensor input) {
        inputs.add(input);
        position.addAndGet(input.dim(1));
    }

    /** Drops the engine session (its engine is going away); the inputs stay for a rebuild. */
    void closeInner() {
        if (inner != null) {
            try {
                inner.close();
            } catch (RuntimeException ignored) {
                // the engine may already be gone
            }
            inner = null;
            innerBlocks = null;
        }
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
    public int position() {
        return position.get();
    }

    @Override
    public long cacheBytes() {
        return inner == null ? 0 : inner.cacheBytes();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        owner.closed(this);
    }

    void release() {
        closed = true;
        closeInner();
        inputs.clear();
    }
}

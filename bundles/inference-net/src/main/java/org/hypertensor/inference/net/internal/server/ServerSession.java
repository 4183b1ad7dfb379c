package org.hypertensor.inference.net.internal.server;

import java.time.Instant;
import java.util.List;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.Tensor;

/** One client's session on a sub-range of the hosted blocks: an engine session per block, stepped in order. */
public final class ServerSession implements AutoCloseable {

    private final BlockServer server;
    private final PeerId peer;
    private final BlockRange range;
    private final int batch;
    private final int maxLength;
    private final long cacheBytes;
    private final Instant opened;
    private final List<LoadedBlocks> blocks;
    private final List<InferenceSession> sessions;
    private volatile int position;
    private volatile Instant lastStep;
    private volatile boolean closed;

    ServerSession(
            BlockServer server,
            PeerId peer,
            BlockRange range,
            int batch,
            int maxLength,
            long cacheBytes,
            Instant opened,
            List<LoadedBlocks> blocks,
            List<InferenceSession> sessions) {
        this.server = server;
        this.peer = peer;
        this.range = range;
        this.batch = batch;
        this.maxLength = maxLength;
        this.cacheBytes = cacheBytes;
        this.opened = opened;
        this.lastStep = opened;
        this.blocks = blocks;
        this.sessions = sessions;
    }

    /** Runs checked hidden states through the session's blocks; the position moves by their length. */
    synchronized Tensor step(Tensor hidden, Instant now) {
        Tensor x = hidden;
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(x, sessions.get(i));
        }
        position += hidden.dim(1);
        lastStep = now;
        return x;
    }

    public PeerId peer() {
        return peer;
    }

    public BlockRange range() {
        return range;
    }

    public int batch() {
        return batch;
    }

    public int maxLength() {
        return maxLength;
    }

    public int position() {
        return position;
    }

    public long cacheBytes() {
        return cacheBytes;
    }

    public Instant opened() {
        return opened;
    }

    public Instant lastStep() {
        return lastStep;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (InferenceSession s : sessions) {
                try {
                    s.close();
                } catch (RuntimeException ignored) {
                    // its engine may be gone already; the cache is released with it
                }
            }
        }
        server.released(this);
    }
}

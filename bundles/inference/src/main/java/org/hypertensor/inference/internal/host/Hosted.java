package org.hypertensor.inference.internal.host;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.inference.api.MoveListener;
import org.hypertensor.inference.internal.engines.EngineEntry;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineChecks;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.WeightSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hosted block range. Sessions step concurrently (each session one step at a time); a move takes the
 * range exclusively: it waits for the running steps, and the steps after it run on the new engine.
 */
final class Hosted implements HostedBlocks {

    private static final Logger LOG = LoggerFactory.getLogger(Hosted.class);

    private final BlockHostImpl host;
    private final ModelManifest manifest;
    private final BlockRange range;
    private final WeightSource weights;
    private final Set<HostedSession> sessions = ConcurrentHashMap.newKeySet();
    /** Read: steps and opening sessions. Write: moves and close. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private volatile InferenceEngine engine;
    private volatile LoadedBlocks blocks;
    private final AtomicInteger moves = new AtomicInteger();
    private final List<MoveListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    Hosted(BlockHostImpl host, ModelManifest manifest, BlockRange range, WeightSource weights) {
        this.host = host;
        this.manifest = manifest;
        this.range = range;
        this.weights = weights;
    }

    /** Loads the blocks on the first of {@code candidates} that can, unless they are already there. */
    void placeOn(List<EngineEntry> candidates) {
        InferenceEngine now = engine;
        boolean moving = !closed
                && (candidates.isEmpty() ? now != null : candidates.get(0).engine() != now);
        if (moving) {
            listeners.forEach(l -> l.moving(this)); // before waiting for the running steps: announce early
        }
        try {
            move(candidates);
        } finally {
            if (moving) {
                listeners.forEach(l -> l.moved(this));
            }
        }
    }

    private void move(List<EngineEntry> candidates) {
        lock.writeLock().lock();
        try {
            if (closed || (!candidates.isEmpty() && candidates.get(0).engine() == engine)) {
                return;
            }
            EngineException last = null;
            for (EngineEntry candidate : candidates) {
                if (candidate.engine() == engine) {
                    return; // the better engines failed; stay where we are
                }
                try {
                    LoadedBlocks loaded = candidate.engine().load(manifest, range, weights);
                    String from = blocks == null ? null : blocks.engine();
                    release();
                    engine = candidate.engine();
                    blocks = loaded;
                    if (from != null) {
                        moves.incrementAndGet();
                        LOG.info(
                                "Moved blocks {} of {} from {} to {} ({} open sessions rebuild from their inputs)",
                                range,
                                manifest.shortId(),
                                from,
                                loaded.engine(),
                                sessions.size());
                    }
                    return;
                } catch (EngineException | LinkageError e) {
                    LOG.warn("Engine {} cannot load blocks {}: {}", candidate.name(), range, e.getMessage());
                    last = e instanceof EngineException ee ? ee : new EngineException(e.toString());
                }
            }
            if (candidates.isEmpty()) {
                if (engine != null) {
                    LOG.warn("No engine left for blocks {} of {}: they wait for one", range, manifest.shortId());
                }
                release();
            } else if (engine == null && last != null) {
                throw last;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Under the write lock: no step runs. */
    private void release() {
        for (HostedSession s : sessions) {
            s.closeInner();
        }
        if (blocks != null) {
            try {
                blocks.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing blocks on a leaving engine: {}", e.toString());
            }
        }
        blocks = null;
        engine = null;
    }

    private LoadedBlocks current() {
        if (closed) {
            throw new EngineException("blocks " + range + " are no longer hosted");
        }
        LoadedBlocks b = blocks;
        if (b == null) {
            throw new EngineException("no engine can run blocks " + range + " now (install an engine feature)");
        }
        return b;
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
        LoadedBlocks b = blocks;
        return b == null ? "-" : b.engine();
    }

    @Override
    public String device() {
        LoadedBlocks b = blocks;
        return b == null ? "-" : b.device();
    }

    @Override
    public long weightBytes() {
        LoadedBlocks b = blocks;
        return b == null ? 0 : b.weightBytes();
    }

    @Override
    public int moves() {
        return moves.get();
    }

    @Override
    public boolean isLoaded() {
        return blocks != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void addMoveListener(MoveListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeMoveListener(MoveListener listener) {
        listeners.remove(listener);
    }

    @Override
    public InferenceSession openSession(int batch, int maxLength) {
        lock.readLock().lock();
        try {
            LoadedBlocks b = current();
            EngineChecks.checkSession(manifest.config(), batch, maxLength);
            HostedSession s = new HostedSession(this, batch, maxLength);
            synchronized (s) {
                s.on(b);
            }
            sessions.add(s);
            return s;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Tensor forward(Tensor hidden, InferenceSession session) {
        if (!(session instanceof HostedSession s) || !sessions.contains(s)) {
            throw new EngineException(
                    session.isClosed() ? "the session is closed" : "the session was not opened on these blocks");
        }
        lock.readLock().lock();
        try {
            synchronized (s) {
                EngineChecks.checkStep(hidden, manifest.config().hiddenSize(), s);
                LoadedBlocks b = current();
                Tensor out = b.forward(hidden, s.on(b));
                s.stepped(hidden);
                return out;
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    void closed(HostedSession s) {
        if (sessions.remove(s)) {
            synchronized (s) {
                s.release();
            }
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            for (HostedSession s : List.copyOf(sessions)) {
                closed(s);
            }
            release();
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        host.unhosted(this);
    }
}

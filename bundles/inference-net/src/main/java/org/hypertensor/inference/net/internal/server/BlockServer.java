package org.hypertensor.inference.net.internal.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.inference.api.MoveListener;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.inference.net.internal.wire.ErrorCode;
import org.hypertensor.inference.net.internal.wire.Frame;
import org.hypertensor.inference.net.internal.wire.ProtocolException;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.EngineMemoryException;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.WeightSource;

/**
 * A server's hosted blocks (each block hosted on its own, so a session may cover any sub-range) and its
 * sessions, with the limits: cache budget, per-peer quota, tensor size, positions. Every check runs before
 * any compute and refuses with a {@link ProtocolException}.
 */
public final class BlockServer implements AutoCloseable {

    private final ModelManifest manifest;
    private final BlockRange range;
    private final List<HostedBlocks> blocks;
    private final ServerSettings settings;
    private final Predicate<PeerId> admitted;
    private final Clock clock;
    private final Set<ServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final LongAdder stepTokens = new LongAdder();
    /** Guarded by this: bytes, sessions and sessions per peer reserved (counted from open to release). */
    private long reserved;

    private int reservedSessions;
    private final java.util.Map<PeerId, Integer> perPeer = new java.util.HashMap<>();
    private volatile ServerState state = ServerState.JOINING;
    /** Hosted blocks in the middle of an engine move: OFFLINE until they are all over. */
    private final AtomicInteger moving = new AtomicInteger();

    private final MoveListener moves = new MoveListener() {
        @Override
        public void moving(HostedBlocks b) {
            moving.incrementAndGet();
            changed.run();
        }

        @Override
        public void moved(HostedBlocks b) {
            moving.decrementAndGet();
            changed.run();
        }
    };
    private volatile Runnable changed = () -> {};

    private BlockServer(
            ModelManifest manifest,
            BlockRange range,
            List<HostedBlocks> blocks,
            ServerSettings settings,
            Predicate<PeerId> admitted,
            Clock clock) {
        this.manifest = manifest;
        this.range = range;
        this.blocks = blocks;
        this.settings = settings;
        this.admitted = admitted;
        this.clock = clock;
        blocks.forEach(b -> b.addMoveListener(moves));
    }

    /** Hosts each block of {@code range} on the best engine. */
    public static BlockServer host(
            BlockHost host,
            ModelManifest manifest,
            WeightSource weights,
            BlockRange range,
            ServerSettings settings,
            Predicate<PeerId> admitted,
            Clock clock) {
        range.checkWithin(manifest.config().numLayers());
        List<HostedBlocks> hosted = new ArrayList<>();
        try {
            for (int i = range.start(); i < range.end(); i++) {
                hosted.add(host.host(manifest, new BlockRange(i, i + 1), weights));
            }
        } catch (RuntimeException e) {
            hosted.forEach(HostedBlocks::close);
            throw e;
        }
        return new BlockServer(manifest, range, List.copyOf(hosted), settings, admitted, clock);
    }

    public ModelManifest manifest() {
        return manifest;
    }

    public BlockRange range() {
        return range;
    }

    public ServerSettings settings() {
        return settings;
    }

    /** OFFLINE while an engine swap moves blocks, or left blocks without an engine. */
    public ServerState state() {
        if (state == ServerState.ONLINE && (moving.get() > 0 || blocks.stream().anyMatch(b -> !b.isLoaded()))) {
            return ServerState.OFFLINE;
        }
        return state;
    }

    /** Runs {@code r} (on the thread that swaps engines; it must not block) whenever {@link #state()} may change. */
    public void onStateChange(Runnable r) {
        changed = r;
    }

    public void setState(ServerState s) {
        state = s;
    }

    /** The engine and device of the first block (they all follow the same engine choice). */
    public String engine() {
        return blocks.get(0).engine();
    }

    public String device() {
        return blocks.get(0).device();
    }

    /** Engine moves of the hosted blocks so far (a swap changes it). */
    public int moves() {
        return blocks.stream().mapToInt(HostedBlocks::moves).sum();
    }

    /** Measures the hosted blocks' speed (before going ONLINE); {@code progress} gets (done, total). */
    public Throughput measure(java.util.function.BiConsumer<Integer, Integer> progress) {
        return Throughput.measure(blocks, manifest.config().hiddenSize(), progress);
    }

    /** Open sessions, oldest first. */
    public List<ServerSession> sessions() {
        List<ServerSession> out = new ArrayList<>(sessions);
        out.sort(Comparator.comparing(ServerSession::opened));
        return out;
    }

    /** Token positions (all batch rows) session steps carried through these blocks, for monitoring. */
    public long stepTokens() {
        return stepTokens.sum();
    }

    public synchronized long reservedBytes() {
        return reserved;
    }

    /** Positions of cache over the whole range that the budget still allows. */
    public synchronized long freeCacheTokens() {
        return (settings.cacheBytes() - reserved) / manifest.config().cacheBytesPerToken(range);
    }

    /** Opens a session for {@code peer}, or refuses it at once. */
    public ServerSession open(PeerId peer, Frame.Open open) throws ProtocolException {
        checkAdmitted(peer);
        if (state() != ServerState.ONLINE) {
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "server is " + state() + ", not serving sessions");
        }
        BlockRange sub = subRange(open.model(), open.start(), open.end());
        ModelConfig c = manifest.config();
        if (open.batch() < 1 || open.batch() > 64) {
            throw new ProtocolException(ErrorCode.SHAPE, "batch must be 1..64, got " + open.batch());
        }
        if (open.maxLength() < 1 || open.maxLength() > c.maxPositions()) {
            throw new ProtocolException(
                    ErrorCode.RANGE, "max length must be 1.." + c.maxPositions() + ", got " + open.maxLength());
        }
        long bytes = c.cacheBytesPerToken(sub) * open.batch() * open.maxLength();
        reserve(peer, bytes);
        List<LoadedBlocks> chain =
                new ArrayList<>(blocks.subList(sub.start() - range.start(), sub.end() - range.start()));
        List<InferenceSession> opened = new ArrayList<>();
        try {
            for (LoadedBlocks b : chain) {
                opened.add(b.openSession(open.batch(), open.maxLength()));
            }
        } catch (EngineException e) {
            opened.forEach(InferenceSession::close);
            release(peer, bytes);
            throw new ProtocolException(
                    e instanceof EngineMemoryException ? ErrorCode.CACHE_FULL : ErrorCode.ENGINE, e.getMessage());
        }
        ServerSession s = new ServerSession(
                this, peer, sub, open.batch(), open.maxLength(), bytes, clock.instant(), chain, opened);
        sessions.add(s);
        return s;
    }

    /** Checks a step's header against its session before any of its bytes are read. */
    public void checkStep(ServerSession s, Frame.Step step) throws ProtocolException {
        if (step.position() != s.position()) {
            throw new ProtocolException(
                    ErrorCode.POSITION,
                    "step starts at position " + step.position() + " but the session is at " + s.position());
        }
        checkHidden(step.dims(), s.batch());
        if (step.position() + step.dims()[1] > s.maxLength()) {
            throw new ProtocolException(
                    ErrorCode.RANGE,
                    "positions " + step.position() + ".." + (step.position() + step.dims()[1])
                            + " go past the session's max length " + s.maxLength());
        }
        Instant now = clock.instant();
        if (now.isAfter(s.opened().plus(settings.sessionLifetime()))) {
            throw new ProtocolException(
                    ErrorCode.EXPIRED,
                    "session older than " + settings.sessionLifetime().toMinutes() + " min");
        }
    }

    /** A checked step. */
    public Tensor step(ServerSession s, Tensor hidden) throws ProtocolException {
        try {
            Tensor out = s.step(hidden, clock.instant());
            int[] shape = hidden.shape();
            stepTokens.add((long) shape[0] * shape[1]);
            return out;
        } catch (EngineException e) {
            throw new ProtocolException(ErrorCode.ENGINE, e.getMessage());
        }
    }

    /** Checks a forward request's header (range and shape) before its tensor is read. */
    public BlockRange checkForward(PeerId peer, Frame.Forward f) throws ProtocolException {
        checkAdmitted(peer);
        if (state() != ServerState.ONLINE) {
            throw new ProtocolException(ErrorCode.UNAVAILABLE, "server is " + state() + ", not serving");
        }
        BlockRange sub = subRange(f.model(), f.start(), f.end());
        checkHidden(f.dims(), f.dims().length == 3 && f.dims()[0] >= 1 && f.dims()[0] <= 64 ? f.dims()[0] : 1);
        return sub;
    }

    /** A stateless forward pass through {@code sub}. */
    public Tensor forward(BlockRange sub, Tensor hidden) throws ProtocolException {
        try {
            Tensor x = hidden;
            for (int i = sub.start(); i < sub.end(); i++) {
                x = blocks.get(i - range.start()).forward(x);
            }
            return x;
        } catch (EngineException e) {
            throw new ProtocolException(ErrorCode.ENGINE, e.getMessage());
        }
    }

    private void checkAdmitted(PeerId peer) throws ProtocolException {
        if (!admitted.test(peer)) {
            throw new ProtocolException(ErrorCode.NOT_STAKED, "peer " + peer + " has no proof of stake");
        }
    }

    private BlockRange subRange(String model, int start, int end) throws ProtocolException {
        if (!model.equals(manifest.id())) {
            throw new ProtocolException(
                    ErrorCode.RANGE, "this server hosts model " + manifest.shortId() + ", not " + model);
        }
        if (start < range.start() || end > range.end() || start >= end) {
            throw new ProtocolException(
                    ErrorCode.RANGE, "blocks " + start + ":" + end + " are not within the hosted " + range);
        }
        return new BlockRange(start, end);
    }

    private void checkHidden(int[] dims, int batch) throws ProtocolException {
        int hidden = manifest.config().hiddenSize();
        if (dims.length != 3 || dims[0] != batch || dims[2] != hidden || dims[1] < 1) {
            throw new ProtocolException(
                    ErrorCode.SHAPE,
                    "hidden states must be [" + batch + ", tokens >= 1, " + hidden + "], got " + Arrays.toString(dims));
        }
        if ((long) dims[0] * dims[1] > settings.maxTensorTokens()) {
            throw new ProtocolException(
                    ErrorCode.SHAPE,
                    "a tensor of " + (long) dims[0] * dims[1] + " positions is over this server's limit of "
                            + settings.maxTensorTokens());
        }
    }

    private synchronized void reserve(PeerId peer, long bytes) throws ProtocolException {
        int mine = perPeer.getOrDefault(peer, 0);
        if (mine >= settings.sessionsPerPeer()) {
            throw new ProtocolException(
                    ErrorCode.QUOTA,
                    "peer already has " + mine + " open sessions (quota " + settings.sessionsPerPeer() + ")");
        }
        if (reservedSessions >= settings.maxSessions()) {
            throw new ProtocolException(
                    ErrorCode.CACHE_FULL, "server has its maximum of " + settings.maxSessions() + " sessions");
        }
        if (reserved + bytes > settings.cacheBytes()) {
            throw new ProtocolException(
                    ErrorCode.CACHE_FULL,
                    "cache full: the session needs " + size(bytes) + ", " + size(settings.cacheBytes() - reserved)
                            + " free of " + size(settings.cacheBytes()));
        }
        reserved += bytes;
        reservedSessions++;
        perPeer.merge(peer, 1, Integer::sum);
    }

    private synchronized void release(PeerId peer, long bytes) {
        reserved -= bytes;
        reservedSessions--;
        perPeer.computeIfPresent(peer, (p, n) -> n == 1 ? null : n - 1);
    }

    void released(ServerSession s) {
        if (sessions.remove(s)) {
            release(s.peer(), s.cacheBytes());
        }
    }

    /** Bytes for people: {@code 512 B}, {@code 32.0 KiB}, {@code 1.5 MiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1 << 20
                ? String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** Closes every session and unhosts the blocks. */
    @Override
    public void close() {
        state = ServerState.OFFLINE;
        for (ServerSession s : sessions()) {
            s.close();
        }
        blocks.forEach(b -> {
            b.removeMoveListener(moves);
            b.close();
        });
    }
}

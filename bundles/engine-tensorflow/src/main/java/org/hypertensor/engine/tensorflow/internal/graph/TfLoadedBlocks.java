package org.hypertensor.engine.tensorflow.internal.graph;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineChecks;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.MemoryBudget;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.RotaryTable;
import org.hypertensor.plugin.api.engine.ShapeException;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * A block range as one TensorFlow graph and session; the weights live in native tensors, fed to every
 * run by reference (the linear weights of a BF16/F16 model stay 16-bit and are cast to float32 in the
 * graph). One run per step; sessions keep their keys and values as native tensors too.
 */
public final class TfLoadedBlocks implements LoadedBlocks {

    private final String engine;
    private final String device;
    private final ModelManifest manifest;
    private final BlockRange range;
    private final MemoryBudget budget;
    private final Graph graph;
    private final Session tfSession;
    private final BlockGraph blocks;
    private final List<org.tensorflow.Tensor[]> weights = new ArrayList<>();
    private final RotaryTable rotary;
    private final long weightBytes;
    private boolean closed;

    public TfLoadedBlocks(
            String engine,
            String device,
            ModelManifest manifest,
            BlockRange range,
            WeightSource source,
            ConfigProto config,
            MemoryBudget budget,
            boolean keepHalf) {
        ModelConfig c = manifest.config();
        range.checkWithin(c.numLayers());
        this.engine = engine;
        this.device = device;
        this.manifest = manifest;
        this.range = range;
        this.budget = budget;
        this.graph = new Graph();
        Class<? extends TFloating> halfType = !keepHalf
                ? null
                : switch (manifest.dtype()) {
                    case BF16 -> TBfloat16.class;
                    case F16 -> TFloat16.class;
                    default -> null;
                };
        long bytes = 0;
        try {
            this.blocks = new BlockGraph(graph, c, range.size(), halfType);
            for (int i = range.start(); i < range.end(); i++) {
                org.tensorflow.Tensor[] block = read(source, c, i, halfType);
                weights.add(block);
                for (org.tensorflow.Tensor t : block) {
                    bytes += t.numBytes();
                }
            }
            this.tfSession = new Session(graph, config);
        } catch (RuntimeException e) {
            weights.forEach(TfLoadedBlocks::close);
            graph.close();
            throw e;
        }
        this.rotary = new RotaryTable(c);
        this.weightBytes = bytes;
    }

    /** One block's tensors: linear weights 16-bit as stored when {@code halfType} is set, the rest float32. */
    private static org.tensorflow.Tensor[] read(
            WeightSource source, ModelConfig c, int block, Class<? extends TFloating> halfType) {
        Map<String, int[]> shapes = TensorNames.blockShapes(c);
        org.tensorflow.Tensor[] out = new org.tensorflow.Tensor[shapes.size()];
        try {
            int i = 0;
            for (Map.Entry<String, int[]> e : shapes.entrySet()) {
                String name = TensorNames.block(block, e.getKey());
                Shape shape =
                        Shape.of(Arrays.stream(e.getValue()).asLongStream().toArray());
                Optional<ShortBuffer> bits =
                        halfType != null && e.getValue().length == 2 ? source.bits16(name) : Optional.empty();
                if (halfType != null && e.getValue().length == 2 && bits.isEmpty()) {
                    throw new ShapeException(name + " is not stored as 16 bits like the model's other weights");
                }
                if (bits.isPresent()) {
                    if (!Arrays.equals(source.shape(name), e.getValue())) {
                        source.tensor(name, e.getValue()); // the ShapeException naming the tensor
                    }
                    out[i++] = half(halfType, shape, bits.get());
                } else {
                    Tensor t = source.tensor(name, e.getValue());
                    out[i++] = TFloat32.tensorOf(shape, DataBuffers.of(t.toArray(), true, false));
                }
            }
            return out;
        } catch (RuntimeException e) {
            close(out);
            throw e;
        }
    }

    private static org.tensorflow.Tensor half(Class<? extends TFloating> type, Shape shape, ShortBuffer bits) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * bits.remaining()).order(ByteOrder.nativeOrder());
        bytes.asShortBuffer().put(bits.duplicate());
        org.tensorflow.Tensor t = type == TBfloat16.class ? TBfloat16.tensorOf(shape) : TFloat16.tensorOf(shape);
        t.asRawTensor().data().write(bytes.array());
        return t;
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
        return engine;
    }

    @Override
    public String device() {
        return device;
    }

    @Override
    public long weightBytes() {
        return weightBytes;
    }

    @Override
    public synchronized InferenceSession openSession(int batch, int maxLength) {
        live();
        ModelConfig c = manifest.config();
        EngineChecks.checkSession(c, batch, maxLength);
        long bytes = (long) batch * maxLength * c.cacheBytesPerToken(range);
        budget.reserve(bytes);
        return new TfSession(this, batch, maxLength, range.size(), c, bytes);
    }

    @Override
    public Tensor forward(Tensor hidden, InferenceSession session) {
        if (!(session instanceof TfSession s) || !s.belongsTo(this)) {
            throw new EngineException("the session was not opened on these blocks");
        }
        synchronized (s) {
            ModelConfig c = manifest.config();
            int seq = EngineChecks.checkStep(hidden, c.hiddenSize(), s);
            int batch = hidden.dim(0);
            int start = s.position();
            int total = start + seq;
            int half = c.headDim() / 2;
            float[] maskValues = new float[seq * total];
            for (int i = 0; i < seq; i++) {
                for (int j = start + i + 1; j < total; j++) {
                    maskValues[i * total + j] = -1e9f;
                }
            }
            float[] cos = rotary.cos(start, total);
            float[] sin = rotary.sin(start, total);
            synchronized (this) {
                live();
                try (TFloat32 x = TFloat32.tensorOf(
                                Shape.of(batch * seq, c.hiddenSize()), DataBuffers.of(hidden.toArray(), true, false));
                        TInt32 b = TInt32.vectorOf(batch);
                        TFloat32 cosT = TFloat32.tensorOf(Shape.of(seq, 1, half), DataBuffers.of(cos, true, false));
                        TFloat32 sinT = TFloat32.tensorOf(Shape.of(seq, 1, half), DataBuffers.of(sin, true, false));
                        TFloat32 maskT =
                                TFloat32.tensorOf(Shape.of(seq, total), DataBuffers.of(maskValues, true, false))) {
                    Session.Runner runner = tfSession
                            .runner()
                            .feed(blocks.x, x)
                            .feed(blocks.batch, b)
                            .feed(blocks.cos, cosT)
                            .feed(blocks.sin, sinT)
                            .feed(blocks.mask, maskT)
                            .fetch(blocks.y);
                    for (int l = 0; l < blocks.layers.size(); l++) {
                        BlockGraph.Layer layer = blocks.layers.get(l);
                        for (int i = 0; i < layer.weights().size(); i++) {
                            runner.feed(layer.weights().get(i), weights.get(l)[i]);
                        }
                        runner.feed(layer.pastK(), s.keys(l)).feed(layer.pastV(), s.values(l));
                        runner.fetch(layer.fullK()).fetch(layer.fullV());
                    }
                    Result result = runner.run();
                    float[] out;
                    try (TFloat32 y = (TFloat32) result.get(0)) {
                        out = new float[batch * seq * c.hiddenSize()];
                        y.copyTo(DataBuffers.of(out, false, false));
                    }
                    for (int l = 0; l < blocks.layers.size(); l++) {
                        s.replace(l, (TFloat32) result.get(1 + 2 * l), (TFloat32) result.get(2 + 2 * l));
                    }
                    s.advance(seq);
                    return Tensor.wrap(out, batch, seq, c.hiddenSize());
                }
            }
        }
    }

    void released(long bytes) {
        budget.release(bytes);
    }

    private void live() {
        if (closed) {
            throw new EngineException("blocks " + range + " were unloaded");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            tfSession.close();
            graph.close();
            weights.forEach(TfLoadedBlocks::close);
        }
    }

    static void close(org.tensorflow.Tensor[] tensors) {
        for (org.tensorflow.Tensor t : tensors) {
            if (t != null) {
                t.close();
            }
        }
    }
}

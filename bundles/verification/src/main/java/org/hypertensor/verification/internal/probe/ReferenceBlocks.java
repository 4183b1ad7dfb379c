package org.hypertensor.verification.internal.probe;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hypertensor.inference.api.BlockHost;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.model.api.Model;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * This node's own engine output for any blocks of the model: each block is hosted on the node's block host
 * when first needed and kept while the blocks kept fit {@code budgetBytes} (the least recently used goes first),
 * so a prober checks blocks it does not serve within a memory budget; a block larger than the whole budget
 * cannot be checked. Closed at the end of each round. Not thread-safe: one round's thread uses it.
 */
public final class ReferenceBlocks implements AutoCloseable {

    private final BlockHost host;
    private final Model model;
    private final long budgetBytes;
    private final Map<Integer, HostedBlocks> hosted = new LinkedHashMap<>(16, 0.75f, true);

    public ReferenceBlocks(BlockHost host, Model model, long budgetBytes) {
        this.host = host;
        this.model = model;
        this.budgetBytes = budgetBytes;
    }

    /** Weights of one block, float32 (what a host needs at least). */
    public long blockBytes() {
        return model.manifest().config().blockParameters() * Float.BYTES;
    }

    public int modelBlocks() {
        return model.manifest().config().numLayers();
    }

    public String modelId() {
        return model.manifest().id();
    }

    public int hiddenSize() {
        return model.manifest().config().hiddenSize();
    }

    /** Whether one block fits the budget (all blocks of a model have the same size). */
    public boolean canCheck() {
        return blockBytes() <= budgetBytes;
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /** The expected output of {@code blocks} for {@code input}, block by block. */
    public Tensor forward(BlockRange blocks, Tensor input) {
        Tensor x = input;
        for (int i = blocks.start(); i < blocks.end(); i++) {
            x = block(i).forward(x);
        }
        return x;
    }

    private HostedBlocks block(int i) {
        HostedBlocks b = hosted.get(i);
        if (b != null) {
            return b;
        }
        long keep = Math.max(1, budgetBytes / Math.max(1, blockBytes()));
        Iterator<HostedBlocks> oldest = hosted.values().iterator();
        while (hosted.size() >= keep && oldest.hasNext()) {
            oldest.next().close();
            oldest.remove();
        }
        b = host.host(model.manifest(), new BlockRange(i, i + 1), model.weights());
        hosted.put(i, b);
        return b;
    }

    /** Unhosts every block. */
    @Override
    public void close() {
        hosted.values().forEach(HostedBlocks::close);
        hosted.clear();
    }
}

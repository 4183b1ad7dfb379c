package org.hypertensor.engine.java.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.Model;
import org.hypertensor.model.internal.generate.ModelGenerator;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.model.internal.store.ModelFiles;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.EngineException;
import org.hypertensor.plugin.api.engine.EngineMemoryException;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.RangeException;
import org.hypertensor.plugin.api.engine.ShapeException;
import org.hypertensor.plugin.api.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong shapes, positions past max length, a full cache and bad ranges: clear errors, engine still usable. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void badInputIsRefusedAndTheEngineStaysUsable() {
        ModelGenerator.generate(dir, "tiny", ModelSize.TINY, 1, LoadProgress.NONE);
        try (Model model = ModelFiles.open(dir, null, LoadProgress.NONE);
                JavaEngine engine = closeable(1, 256 << 10)) {
            RangeException range = assertThrows(
                    RangeException.class, () -> engine.load(model.manifest(), new BlockRange(1, 3), model.weights()));
            assertEquals("blocks 1:3 are beyond the model's 2 blocks", range.getMessage());
            LoadedBlocks blocks = engine.load(model.manifest(), new BlockRange(0, 2), model.weights());
            InferenceSession s = blocks.openSession(1, 4);
            ShapeException shape =
                    assertThrows(ShapeException.class, () -> blocks.forward(Tensor.of(new float[32], 1, 1, 32), s));
            assertEquals("hidden states must have shape [1, seq, 64], got [1, 1, 32]", shape.getMessage());
            assertThrows(ShapeException.class, () -> blocks.forward(Tensor.of(new float[128], 2, 1, 64), s));
            blocks.forward(Tensor.of(new float[3 * 64], 1, 3, 64), s);
            range = assertThrows(RangeException.class, () -> blocks.forward(Tensor.of(new float[2 * 64], 1, 2, 64), s));
            assertEquals("positions 3..4 are beyond the session's max length 4", range.getMessage());
            assertEquals(3, s.position(), "a refused step changes nothing");
            blocks.forward(Tensor.of(new float[64], 1, 1, 64), s);
            assertThrows(RangeException.class, () -> blocks.openSession(1, 129));
            EngineMemoryException memory = assertThrows(EngineMemoryException.class, () -> blocks.openSession(8, 128));
            assertEquals(
                    "a session needs 0.50 MB of attention cache but only 0.25 of the engine's 0.25 MB are free",
                    memory.getMessage());
            s.close();
            assertEquals(
                    "the session is closed",
                    assertThrows(EngineException.class, () -> blocks.forward(Tensor.of(new float[64], 1, 1, 64), s))
                            .getMessage());
            try (InferenceSession again = blocks.openSession(1, 128)) {
                assertEquals(
                        64,
                        blocks.forward(Tensor.of(new float[64], 1, 1, 64), again)
                                .size());
            }
            blocks.close();
            assertThrows(EngineException.class, () -> blocks.openSession(1, 1));
        }
    }

    private static JavaEngine closeable(int threads, long cache) {
        return new JavaEngine(threads, cache);
    }
}

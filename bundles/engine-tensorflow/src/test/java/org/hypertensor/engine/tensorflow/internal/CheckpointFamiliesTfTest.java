package org.hypertensor.engine.tensorflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.hypertensor.engine.java.internal.CheckpointFamilies;
import org.hypertensor.engine.tensorflow.internal.runtime.TfRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TensorFlow engine on each supported checkpoint family (Llama 3.2, Qwen2.5, Mistral, Llama 2 with
 * biases) against the float64 reference: greedy tokens equal, logits within 1e-4.
 */
class CheckpointFamiliesTfTest {

    @TempDir
    Path dir;

    @Test
    void everyFamilyMatchesTheFloat64Reference() throws Exception {
        TensorFlowEngine tf = new TensorFlowEngine(TfRuntime.start("auto", 2, null), 64L << 20);
        List<String> lines = CheckpointFamilies.check(tf, dir);
        lines.forEach(System.out::println);
        assertEquals(CheckpointFamilies.specs().size(), lines.size());
    }
}

package org.hypertensor.inference.internal.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hypertensor.plugin.api.engine.Tensor;
import org.hypertensor.plugin.api.engine.WeightSource;
import org.junit.jupiter.api.Test;

/** Issue 16: model loading showed 0 % until the end; each distinct tensor an engine reads now advances it. */
class ProgressWeightsTest {

    @Test
    void eachDistinctTensorReadAdvancesBelowTheEnd() {
        Map<String, Tensor> tensors = new TreeMap<>();
        for (String name : List.of("a", "b", "c", "d")) {
            tensors.put(name, Tensor.of(new float[] {1, 2}, 2));
        }
        WeightSource source = new WeightSource() {
            @Override
            public Set<String> names() {
                return tensors.keySet();
            }

            @Override
            public Tensor tensor(String name) {
                return tensors.get(name);
            }
        };
        List<Long> done = new ArrayList<>();
        ProgressWeights weights = new ProgressWeights(
                source,
                (stage, d, total) -> {
                    assertEquals("loading 2 blocks", stage);
                    assertEquals(4, total);
                    done.add(d);
                },
                "loading 2 blocks");

        weights.tensor("a");
        weights.tensor("a", 2); // the same tensor again: no step
        weights.tensor("b");
        weights.tensor("c");
        weights.tensor("d");
        assertEquals(List.of(1L, 2L, 3L, 3L), done, "advances per tensor, never reports the end itself");
        assertEquals(2, weights.shape("a")[0]);
    }
}

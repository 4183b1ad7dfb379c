package org.hypertensor.openai.internal.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hypertensor.inference.api.generate.TextGenerator;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    private final PieceGenerator local = new PieceGenerator(
            "local", List.of(PieceGenerator.model("devnet", 512), PieceGenerator.model("tiny", 64)), List.of("l"));
    private final PieceGenerator distributed =
            new PieceGenerator("distributed", List.of(PieceGenerator.model("devnet", 512)), List.of("d"));

    private static Map<String, Object> props(String mode, long id) {
        return Map.of(TextGenerator.MODE, mode, "service.id", id);
    }

    @Test
    void aDistributedGeneratorIsPreferredForTheModelsItOffers() {
        Generators g = new Generators();
        g.add(local, props("local", 1));
        g.add(distributed, props("distributed", 2));
        assertEquals(distributed, g.select("devnet").orElseThrow().entry().generator());
        assertEquals(local, g.select("tiny").orElseThrow().entry().generator(), "only the local one has it");
        assertTrue(g.select("nope").isEmpty());
        assertEquals(
                List.of("devnet:distributed", "tiny:local"),
                g.models().stream()
                        .map(c -> c.model().id() + ":" + c.entry().mode())
                        .toList(),
                "each model once, from the generator that serves it");
    }

    @Test
    void whenTheDistributedGeneratorLeavesTheLocalOneServes() {
        Generators g = new Generators();
        g.add(distributed, props("distributed", 2));
        g.add(local, props("local", 1));
        g.remove(distributed);
        assertEquals(local, g.select("devnet").orElseThrow().entry().generator());
    }

    @Test
    void amongEqualModesTheHigherRankingThenTheOlderServiceWins() {
        PieceGenerator other = new PieceGenerator("local2", List.of(PieceGenerator.model("devnet", 512)), List.of());
        Generators g = new Generators();
        g.add(other, props("local", 5));
        g.add(local, props("local", 3));
        assertEquals(local, g.select("devnet").orElseThrow().entry().generator(), "older service");
        g.add(other, Map.of(TextGenerator.MODE, "local", "service.id", 9L, "service.ranking", 10));
        assertEquals(other, g.select("devnet").orElseThrow().entry().generator(), "higher ranking");
    }

    @Test
    void aGeneratorThatCannotListItsModelsIsSkipped() {
        TextGenerator broken = new TextGenerator() {
            @Override
            public List<org.hypertensor.inference.api.generate.GeneratorModel> models() {
                throw new IllegalStateException("broken");
            }

            @Override
            public org.hypertensor.inference.api.generate.Completion generate(
                    org.hypertensor.inference.api.generate.CompletionRequest request, Listener listener) {
                throw new IllegalStateException("broken");
            }
        };
        Generators g = new Generators();
        g.add(broken, props("distributed", 1));
        g.add(local, props("local", 2));
        assertEquals(local, g.select("devnet").orElseThrow().entry().generator());
    }
}

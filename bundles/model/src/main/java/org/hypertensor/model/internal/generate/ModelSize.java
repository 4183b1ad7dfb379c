package org.hypertensor.model.internal.generate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.tokenizer.ByteTokenizer;
import org.hypertensor.plugin.api.engine.ModelConfig;

/** The sizes of generated models; all use the byte-level tokenizer. */
public enum ModelSize {
    /** For unit and container tests: about 0.2 M parameters. */
    TINY("tiny", new ModelConfig(ByteTokenizer.VOCAB, 64, 2, 4, 2, 160, 1e-5, 10000.0, 128)),
    /** For the devnet: about 4 M parameters, quick to load. */
    SMALL("small", new ModelConfig(ByteTokenizer.VOCAB, 256, 4, 8, 4, 704, 1e-5, 10000.0, 512)),
    /** For benchmarks: about 100 M parameters (400 MB of float32); generate it, never commit it. */
    M100("100m", new ModelConfig(ByteTokenizer.VOCAB, 768, 16, 12, 4, 2048, 1e-5, 10000.0, 1024));

    private final String label;
    private final ModelConfig config;

    ModelSize(String label, ModelConfig config) {
        this.label = label;
        this.config = config;
    }

    public String label() {
        return label;
    }

    public ModelConfig config() {
        return config;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(ModelSize::label).toList();
    }

    public static ModelSize parse(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(s -> s.label.equals(l))
                .findFirst()
                .orElseThrow(() -> new ModelFormatException(
                        "no model size '" + label + "' (sizes: " + String.join(", ", labels()) + ")"));
    }
}

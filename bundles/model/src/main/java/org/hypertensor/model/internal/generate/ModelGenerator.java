package org.hypertensor.model.internal.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hypertensor.model.api.LoadProgress;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.safetensors.SafetensorsWriter;
import org.hypertensor.model.internal.safetensors.SafetensorsWriter.TensorSpec;
import org.hypertensor.model.internal.store.Hashes;
import org.hypertensor.model.internal.store.ManifestCodec;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.ModelConfig;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.TensorNames;
import org.hypertensor.plugin.api.engine.WeightFile;

/**
 * Writes a deterministic llama-style model: each tensor's values come from its own generator seeded by the
 * model seed and the tensor's name, so the same size and seed give the same bytes (and model id)
 * everywhere. Linear weights are uniform with variance 1/in (activations keep their scale through the
 * blocks), norms are 1 ± 0.1, embeddings have unit variance. LM head rows of non-printable bytes are zero,
 * so the random model's generations print as ASCII text.
 */
public final class ModelGenerator {

    public static final String WEIGHTS_FILE = "model.safetensors";
    public static final String MANIFEST = "manifest.json";

    private ModelGenerator() {}

    public static ModelManifest generate(Path dir, String name, ModelSize size, long seed, LoadProgress progress) {
        return generate(dir, name, size, seed, DType.F32, progress);
    }

    /** The model with its weights stored as {@code dtype} (F32 or BF16, rounded from the same values). */
    public static ModelManifest generate(
            Path dir, String name, ModelSize size, long seed, DType dtype, LoadProgress progress) {
        try {
            if (Files.exists(dir.resolve(MANIFEST))) {
                throw new ModelFormatException("a model already exists in " + dir);
            }
            Files.createDirectories(dir);
            ModelConfig c = size.config();
            List<TensorSpec> specs = tensors(c);
            long total = specs.size();
            long[] done = {0};
            Path weights = dir.resolve(WEIGHTS_FILE);
            SafetensorsWriter.write(weights, specs, Map.of("format", "pt", "generator", "hypertensor"), dtype, spec -> {
                float[] values = values(spec, c, seed);
                progress.progress("generating weights", ++done[0], total);
                return values;
            });
            String sha = Hashes.sha256(weights, LoadProgress.NONE);
            ModelManifest draft =
                    new ModelManifest("", name, "llama", dtype, c, "byte", List.of(new WeightFile(WEIGHTS_FILE, sha)));
            Map<String, Object> generator = new LinkedHashMap<>();
            generator.put("size", size.label());
            generator.put("seed", seed);
            byte[] manifest = ManifestCodec.encode(draft, Map.of("generator", generator));
            Files.write(dir.resolve(MANIFEST), manifest);
            return ManifestCodec.decode(manifest);
        } catch (IOException e) {
            throw new ModelFormatException("cannot write the model to " + dir + ": " + e.getMessage(), e);
        }
    }

    static List<TensorSpec> tensors(ModelConfig c) {
        int h = c.hiddenSize();
        List<TensorSpec> specs = new ArrayList<>();
        specs.add(new TensorSpec(TensorNames.EMBEDDINGS, new int[] {c.vocabSize(), h}));
        for (int i = 0; i < c.numLayers(); i++) {
            for (Map.Entry<String, int[]> t : TensorNames.blockShapes(c).entrySet()) {
                specs.add(new TensorSpec(TensorNames.block(i, t.getKey()), t.getValue()));
            }
        }
        specs.add(new TensorSpec(TensorNames.FINAL_NORM, new int[] {h}));
        specs.add(new TensorSpec(TensorNames.LM_HEAD, new int[] {c.vocabSize(), h}));
        return specs;
    }

    static float[] values(TensorSpec spec, ModelConfig c, long seed) {
        SplittableRandom random =
                new SplittableRandom(seed * 0x9E3779B97F4A7C15L + spec.name().hashCode());
        float[] v = new float[(int) spec.elements()];
        String name = spec.name();
        if (spec.shape().length == 1) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (1 + 0.1 * (2 * random.nextDouble() - 1));
            }
            return v;
        }
        int in = spec.shape()[1];
        double bound = name.equals(TensorNames.EMBEDDINGS) ? Math.sqrt(3) : Math.sqrt(3.0 / in);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (bound * (2 * random.nextDouble() - 1));
        }
        if (name.equals(TensorNames.LM_HEAD)) {
            for (int token = 0; token < spec.shape()[0]; token++) {
                if (token < 32 || token > 126) {
                    java.util.Arrays.fill(v, token * in, (token + 1) * in, 0f);
                }
            }
        }
        return v;
    }
}

package org.hypertensor.model.internal.hf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.hypertensor.model.internal.json.Json;

/**
 * A sharded checkpoint's {@code model.safetensors.index.json}: its {@code weight_map} must name exactly the
 * stored tensors, each in the file that holds it, so a missing or stray shard is refused by name.
 */
public final class ShardIndex {

    public static final String FILE = "model.safetensors.index.json";

    private ShardIndex() {}

    /** Checks the index of {@code dir}, if it has one, against where the tensors were found. */
    public static void check(Path dir, Map<String, String> fileOf) throws IOException {
        Path index = dir.resolve(FILE);
        if (!Files.exists(index)) {
            return;
        }
        Map<String, Object> json = Json.object(Json.parse(Files.readString(index, StandardCharsets.UTF_8)), FILE);
        Map<String, Object> map = Json.object(json.get("weight_map"), FILE + " 'weight_map'");
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String file = fileOf.get(e.getKey());
            if (!String.valueOf(e.getValue()).equals(file)) {
                throw new IllegalArgumentException(FILE + ": tensor " + e.getKey() + " should be in " + e.getValue()
                        + (file == null ? ", which does not hold it" : ", found in " + file));
            }
        }
        for (String tensor : new TreeSet<>(fileOf.keySet())) {
            if (!map.containsKey(tensor)) {
                throw new IllegalArgumentException(
                        FILE + " does not list tensor " + tensor + " of " + fileOf.get(tensor));
            }
        }
    }
}

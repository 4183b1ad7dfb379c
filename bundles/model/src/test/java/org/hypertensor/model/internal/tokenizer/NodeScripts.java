package org.hypertensor.model.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hypertensor.model.internal.json.Json;

/** Runs a script of the {@code tokenizer-parity/} npm project (Hugging Face's own libraries) for a parity test. */
public final class NodeScripts {

    public static final Path PROJECT = Path.of("tokenizer-parity");

    private NodeScripts() {}

    /** Whether {@code npm ci} has installed the project's packages (CI does). */
    public static boolean installed(String... packages) {
        for (String p : packages) {
            if (!Files.exists(PROJECT.resolve("node_modules").resolve(p))) {
                return false;
            }
        }
        return true;
    }

    /** The JSON array the script prints to {@code out}. */
    public static List<Object> run(Path out, String script, Path... files) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("node", script));
        for (Path f : files) {
            command.add(f.toAbsolutePath().toString());
        }
        Process node = new ProcessBuilder(command)
                .directory(PROJECT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "node did not finish in 120 s");
        assertEquals(0, node.exitValue(), "node " + script + " failed");
        return Json.array(Json.parse(Files.readString(out, StandardCharsets.UTF_8)), "the reference");
    }
}

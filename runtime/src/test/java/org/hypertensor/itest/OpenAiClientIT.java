package org.hypertensor.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAI-compatible endpoint of a real node (the distribution started as a separate process, feature
 * {@code openai}, HTTP on a free loopback port), called by the official {@code openai} npm client: completions
 * and chat completions, streamed and whole, greedy, must equal what {@code infer:local} prints for the same
 * prompt and token count; an unknown model makes the client raise its NotFoundError. Skips where node or npm
 * is not installed.
 */
class OpenAiClientIT {

    private static final Path LAUNCHER =
            NodeContainer.DIST.resolve("bin/hypertensor").toAbsolutePath();
    private static final Path CLIENT = Path.of(System.getProperty("openai.client.dir", "../bundles/openai/client-test"))
            .toAbsolutePath();
    private static final int TOKENS = 24;
    private static final String PROMPT = "Hello node";
    private static final String MESSAGE = "Say hi";
    /** The chat template of docs/openai.md applied to one user message. */
    private static final String CHAT_PROMPT = "<|user|>\n" + MESSAGE + "\n<|assistant|>\n";

    private static final ObjectMapper JSON = new ObjectMapper();

    record Local(String text, int tokens) {}

    @Test
    void theOfficialClientGetsWhatInferLocalGives(@TempDir Path home) throws Exception {
        installClient();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(
                home.resolve("etc/org.hypertensor.rpc.cfg"), "bind.address = 127.0.0.1\nport = " + port + "\n");

        // the devnet model and the greedy texts infer:local gives, in a run of its own
        LauncherIT.Result run = LauncherIT.hypertensor(
                home,
                Map.of("JAVA_OPTS", "-Dhypertensor.features.run=openai"),
                "run",
                "-c",
                "model:generate devnet small ; infer:local -n " + TOKENS + " \"" + PROMPT + "\" ; infer:local -n "
                        + TOKENS + " \"" + CHAT_PROMPT + "\" ; openai:status");
        assertEquals(0, run.code(), run.err());
        String status = run.out().substring(run.out().lastIndexOf("OpenAI endpoint"));
        assertTrue(status.matches("(?s).*path\\s+/v1/ .*"), status);
        assertTrue(
                status.matches("(?s).*\\ndevnet\\s+local\\s+0\\s+512\\s+devnet .*"),
                "the local model is offered: " + status);
        Local completion = local(run.out(), PROMPT);
        Local chat = local(run.out(), CHAT_PROMPT);

        ProcessBuilder start = new ProcessBuilder(LAUNCHER.toString(), "start", "--home", home.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("node.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        start.environment().put("JAVA_OPTS", "-Dhypertensor.features.start=openai");
        Process node = start.start();
        try {
            awaitModels(port, node, home);
            JsonNode out = client(port);
            String finish = completion.tokens() == TOKENS ? "length" : "stop";

            assertEquals(completion.text(), shown(out.at("/completion/text").asText()), out.toString());
            assertEquals(finish, out.at("/completion/finish").asText());
            assertEquals(
                    completion.tokens(),
                    out.at("/completion/usage/completion_tokens").asInt());
            assertEquals(
                    PROMPT.length() + 1,
                    out.at("/completion/usage/prompt_tokens").asInt(),
                    "BOS + bytes");

            assertEquals(
                    completion.text(), shown(out.at("/completionStream/text").asText()));
            assertEquals(finish, out.at("/completionStream/finish").asText());
            assertEquals(
                    completion.tokens(),
                    out.at("/completionStream/usage/completion_tokens").asInt(),
                    "stream_options.include_usage");
            assertTrue(out.at("/completionStream/chunks").asInt() > 2, "streamed in pieces");

            assertEquals(chat.text(), shown(out.at("/chat/text").asText()));
            assertEquals("assistant", out.at("/chat/role").asText());
            assertEquals(chat.tokens(), out.at("/chat/usage/completion_tokens").asInt());
            assertEquals(chat.text(), shown(out.at("/chatStream/text").asText()));

            assertEquals(List.of("devnet"), List.of(JSON.convertValue(out.get("models"), String[].class)));
            JsonNode unknown = out.get("unknownModel");
            assertEquals("NotFoundError", unknown.get("error").asText(), unknown.toString());
            assertTrue(unknown.get("notFound").asBoolean());
            assertEquals(404, unknown.get("status").asInt());
            assertEquals("model_not_found", unknown.get("code").asText());
        } finally {
            node.destroy();
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    /** Text as the shell prints generated text: control characters escaped. */
    private static String shown(String text) {
        return org.hypertensor.plugin.api.shell.Commands.printable(text);
    }

    /** What {@code infer:local} printed after {@code prompt}, and how many tokens it generated. */
    private static Local local(String out, String prompt) {
        int start = out.indexOf("\r" + prompt);
        assertTrue(start >= 0, "no generation for " + prompt + " in " + out);
        start += prompt.length() + 1;
        int end = out.indexOf("\nPROPERTY", start);
        Matcher tokens = Pattern.compile("generated tokens\\s+(\\d+)").matcher(out);
        assertTrue(end > 0 && tokens.find(end), out);
        return new Local(out.substring(start, end), Integer.parseInt(tokens.group(1)));
    }

    private static void awaitModels(int port, Process node, Path home) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest models = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(node.isAlive(), () -> "the node exited: " + read(home.resolve("node.out")));
            try {
                HttpResponse<String> r = http.send(models, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"devnet\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("/v1/models never listed devnet: " + read(home.resolve("node.out")));
    }

    private static JsonNode client(int port) throws Exception {
        Process p = new ProcessBuilder(
                        "node",
                        "client.mjs",
                        "http://127.0.0.1:" + port + "/v1",
                        "devnet",
                        String.valueOf(TOKENS),
                        PROMPT,
                        MESSAGE)
                .directory(CLIENT.toFile())
                .redirectErrorStream(true)
                .start();
        String out;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            out = r.lines().reduce("", (a, b) -> a + b + "\n");
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the client did not finish");
        assertEquals(0, p.exitValue(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        return JSON.readTree(last);
    }

    /** {@code npm ci} of the client package unless it is installed; skips the test without node or npm. */
    private static void installClient() throws Exception {
        Assumptions.assumeTrue(runs("node"), "node is not installed: the openai client test is skipped");
        if (Files.isDirectory(CLIENT.resolve("node_modules/openai"))) {
            return;
        }
        Assumptions.assumeTrue(runs("npm"), "npm is not installed: the openai client test is skipped");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(CLIENT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(npm.waitFor(300, TimeUnit.SECONDS) && npm.exitValue() == 0, "npm ci failed in " + CLIENT);
    }

    /** Whether {@code tool --version} runs. */
    private static boolean runs(String tool) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(tool, "--version")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}

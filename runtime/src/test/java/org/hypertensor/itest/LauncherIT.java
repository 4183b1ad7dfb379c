package org.hypertensor.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution's launcher as an operator or a script uses it: a real separate JVM. */
class LauncherIT {

    private static final Path LAUNCHER =
            NodeContainer.DIST.resolve("bin/hypertensor").toAbsolutePath();

    record Result(int code, String out, String err) {}

    static Result hypertensor(Path home, String... args) throws Exception {
        return hypertensor(home, java.util.Map.of(), args);
    }

    static Result hypertensor(Path home, java.util.Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        if (home != null) {
            command.addAll(List.of("--home", home.toString()));
        }
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        Process p = builder.start();
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not exit");
        return new Result(
                p.exitValue(),
                new String(out, StandardCharsets.UTF_8),
                withoutJvmWarning(new String(err, StandardCharsets.UTF_8)));
    }

    /** The JVM's own start line for the Vector API module bin/hypertensor adds (docs/inference.md), not the launcher's. */
    static String withoutJvmWarning(String err) {
        String warning = "WARNING: Using incubator modules: jdk.incubator.vector\n";
        return err.startsWith(warning) ? err.substring(warning.length()) : err;
    }

    @Test
    void runPrintsTheStatusTableAndExitsZero(@TempDir Path home) throws Exception {
        // without the Vector API module the Java engine still resolves, on its scalar kernels
        Result r = hypertensor(
                home,
                java.util.Map.of("HYPERTENSOR_VECTOR", "off"),
                "run",
                "-c",
                "node:status ; feature:install engine-java ; engine:java");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("kernels: scalar\n"), r.out());
        assertTrue(r.out().contains("org.hypertensor.node.core"), r.out());
        assertTrue(r.out().contains("devnet-node"), "the node's config file was applied: " + r.out());
        String bundles = r.out().substring(r.out().indexOf("Bundles"), r.out().indexOf("Components"));
        for (String line : bundles.split("\n")) {
            if (line.matches("\\d+\\s+.*")) {
                assertTrue(line.matches("\\d+\\s+ACTIVE\\s+.*"), "not active: " + line);
            }
        }
        assertTrue(Files.exists(home.resolve("etc/org.hypertensor.node.cfg")), "the home was seeded");
    }

    @Test
    void runJsonPrintsEachResultAsOneLineOfJson(@TempDir Path home) throws Exception {
        Result r = hypertensor(home, "run", "--json", "-c", "node:status ; feature:list");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[0]);
        assertEquals("devnet-node", status.path("node").path("name").asText(), lines[0]);
        assertTrue(status.path("bundles").isArray() && status.path("bundles").size() > 5, lines[0]);
        assertEquals("ACTIVE", status.path("bundles").get(0).path("state").asText(), lines[0]);
        var features = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[1]);
        assertTrue(features.isArray() && features.get(0).has("feature"), lines[1]);
    }

    @Test
    void aReadOnlyScriptLeavesTheChainAsItWasAndATransferIsStillSealed(@TempDir Path home) throws Exception {
        Result read = hypertensor(home, "run", "--json", "-c", "ledger:head ; sleep 3 ; ledger:head");
        assertEquals(0, read.code(), read.err());
        for (String line : read.out().split("\n")) {
            var head = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            assertTrue(head.path("best").asText().startsWith("#0 "), "a block was sealed: " + read.out());
        }
        Result write = hypertensor(home, "run", "--json", "-c", "ledger:transfer Alice Bob 1 ; sleep 3 ; ledger:head");
        assertEquals(0, write.code(), write.err());
        String[] lines = write.out().split("\n");
        var head = new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines[lines.length - 1]);
        assertTrue(head.path("best").asText().startsWith("#1 "), "the transfer's block: " + write.out());
    }

    @Test
    void anUnknownCommandFailsWithOneLine(@TempDir Path home) throws Exception {
        Result r = hypertensor(home, "run", "-c", "node:status ; nope:cmd ; node:status");
        assertEquals(1, r.code());
        assertEquals("error: unknown command: nope:cmd\n", r.err());
        assertEquals(1, r.out().split("Bundles").length - 1, "stops at the first error");
    }

    @Test
    void featuresDeclaredForTheModeAreInstalledBeforeCommandsRun(@TempDir Path home) throws Exception {
        Result r = hypertensor(
                home,
                java.util.Map.of("JAVA_OPTS", "-Dhypertensor.features.run=example-hello"),
                "run",
                "-c",
                "hello:greet ops ; feature:list");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Hello, ops! (hello-plugin 1.0.0)\n"), r.out());
        assertTrue(r.out().matches("(?s).*example-hello\\s+INSTALLED.*"), r.out());
        assertFalse(
                Files.exists(home.resolve("data/features.installed")), "declared features are not operator choices");
    }

    @Test
    void bareNamesResolveAsInTheShellAndDeployedBundlesAreUpBeforeCommandsRun(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("deploy"));
        Files.copy(NodeContainer.DIST.resolve("system/hello-plugin-1.0.0.jar"), home.resolve("deploy/hello.jar"));
        Result r = hypertensor(home, "run", "-c", "hello:greet deploy ; install nope");
        assertEquals("Hello, deploy! (hello-plugin 1.0.0)\n", r.out());
        assertTrue(
                r.err()
                        .matches(
                                "error: no feature named 'nope' \\(available: [a-z0-9, -]*example-hello[a-z0-9, -]*\\)\n"),
                r.err());
        assertEquals(1, r.code());
    }

    @Test
    void badUsageExitsTwoWithTheUsage() throws Exception {
        Result r = hypertensor(null, "launch");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("hypertensor: unknown command 'launch'\nusage:"), r.err());
        Result version = hypertensor(null, "--version");
        assertEquals(0, version.code());
        assertTrue(version.out().matches("hypertensor \\S+ \\(Java \\d.*\\)\n"), version.out());
        Result help = hypertensor(null, "help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("hypertensor run -c"));
    }

    @Test
    void oneHomeServesOneNodeAndSigtermStopsItCleanly(@TempDir Path home) throws Exception {
        Process node = new ProcessBuilder(LAUNCHER.toString(), "start", "--home", home.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Hypertensor node ready")) {
                // wait for the ready line
            }
            assertTrue(line != null, "the node never became ready");
            Result second = hypertensor(home, "start");
            assertEquals(1, second.code());
            assertTrue(
                    second.err()
                            .startsWith("hypertensor: another node is running with home " + home.toRealPath() + " (pid "
                                    + node.pid() + ")"),
                    second.err());

            node.destroy(); // SIGTERM: the shutdown hook stops the framework
            assertTrue(node.waitFor(30, TimeUnit.SECONDS));
            assertEquals(143, node.exitValue());
        } finally {
            node.destroyForcibly();
        }
        String log = Files.readString(home.resolve("data/logs/node.log"));
        assertTrue(log.contains("Node 'devnet-node'"), log);
        assertFalse(log.contains("Exception"), log);
    }

    @Test
    void theBootSetIsExactlyTheResolvedNodeCoreFeature() throws IOException {
        List<String> resolved = Files.readAllLines(NodeContainer.DIST.resolve("features/node-core.bndrun")).stream()
                .map(String::trim)
                .filter(l -> l.matches("[\\w.-]+;version=.*"))
                .map(l -> l.substring(0, l.indexOf(';')))
                .sorted()
                .toList();
        List<String> shipped = new java.util.ArrayList<>();
        for (String dir : List.of("boot", "bundle")) {
            for (Path jar : NodeContainer.jars(NodeContainer.DIST.resolve(dir))) {
                try (var file = new java.util.jar.JarFile(jar.toFile())) {
                    shipped.add(file.getManifest()
                            .getMainAttributes()
                            .getValue("Bundle-SymbolicName")
                            .split(";")[0]);
                }
            }
        }
        shipped.sort(null);
        assertEquals(resolved, shipped);
    }
}

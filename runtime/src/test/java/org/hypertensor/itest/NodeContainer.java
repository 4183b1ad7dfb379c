package org.hypertensor.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Shared set-up of the container tests: a real Felix framework provisioned from the assembled
 * distribution's {@code boot/} and {@code bundle/}, a fresh node home per test class with FileInstall
 * watching its {@code etc/} and {@code deploy/} fast, and helpers to run shell commands and await
 * conditions with deadlines (generous: a loaded machine starts a node in 20 s).
 */
public abstract class NodeContainer {

    static final Path DIST = Path.of(System.getProperty("hypertensor.test.dist", "target/hypertensor"));
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The home of the framework the current test class runs in (read inside the container). */
    static final String HOME_PROPERTY = "hypertensor.home";

    @Configuration
    public Option[] config() throws IOException {
        Path home = Files.createTempDirectory("hypertensor-itest-");
        Files.createDirectories(home.resolve("etc"));
        Files.createDirectories(home.resolve("deploy"));
        Files.createDirectories(home.resolve("data"));
        Files.copy(DIST.resolve("etc/gosh_profile"), home.resolve("etc/gosh_profile"));
        prepareHome(home);
        List<Option> options = new ArrayList<>();
        options.add(frameworkProperty(HOME_PROPERTY).value(home.toString()));
        options.add(frameworkProperty("hypertensor.dist")
                .value(DIST.toAbsolutePath().toString()));
        options.add(frameworkProperty("hypertensor.network").value("itest"));
        options.add(
                frameworkProperty("felix.fileinstall.dir").value(home.resolve("etc") + "," + home.resolve("deploy")));
        options.add(frameworkProperty("felix.fileinstall.filter").value(".*\\.(cfg|config|jar)"));
        options.add(frameworkProperty("felix.fileinstall.poll").value("100"));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.fileinstall.bundles.new.start").value("true"));
        options.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
        options.add(frameworkProperty("org.apache.felix.http.require.config").value("true"));
        options.add(frameworkProperty("gosh.args").value("--nointeractive --noshutdown"));
        options.add(frameworkProperty("gosh.home").value(home.toString()));
        options.add(frameworkProperty("hypertensor.log.console").value("WARN"));
        options.add(frameworkProperty("hypertensor.log.console.stderr").value("true"));
        for (Path jar : jars(DIST.resolve("boot"))) {
            options.add(bundle(jar.toUri().toString()).startLevel(1));
        }
        for (Path jar : jars(DIST.resolve("bundle"))) {
            options.add(bundle(jar.toUri().toString()).startLevel(2));
        }
        for (String pattern : systemBundles()) {
            for (Path jar : jars(DIST.resolve("system"))) {
                if (jar.getFileName().toString().matches(pattern)) {
                    options.add(bundle(jar.toUri().toString()).startLevel(3));
                }
            }
        }
        options.add(junitBundles());
        options.add(systemProperty("org.ops4j.pax.url.mvn.repositories")
                .value("https://repo1.maven.org/maven2@id=central"));
        options.add(
                systemProperty("org.ops4j.pax.url.mvn.useFallbackRepositories").value("false"));
        String localRepo = System.getProperty("org.ops4j.pax.url.mvn.localRepository");
        if (localRepo != null) {
            options.add(systemProperty("org.ops4j.pax.url.mvn.localRepository").value(localRepo));
        }
        options.add(cleanCaches(true));
        return options.toArray(new Option[0]);
    }

    /** Writes what the test's node needs in its home before the framework starts (config, chain spec). */
    protected void prepareHome(Path home) throws IOException {}

    /**
     * File-name patterns of {@code system/} bundles to provision at start level 3, for tests whose class
     * uses a feature's API (the probe must see it when the test class loads, before any feature:install).
     */
    protected List<String> systemBundles() {
        return List.of();
    }

    /** The bundles of the validator and chain-modules features: what the devnet chain spec needs. */
    static final List<String> CHAIN_BUNDLES =
            List.of("hypertensor-ledger-.*\\.jar", "hypertensor-(staking|scoring|emissions)-.*\\.jar");

    static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    // ---- helpers used inside the container ----

    static BundleContext context() {
        return FrameworkUtil.getBundle(NodeContainer.class).getBundleContext();
    }

    static Path home() {
        return Path.of(context().getProperty(HOME_PROPERTY));
    }

    static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        T service = tracker.waitForService(TIMEOUT.toMillis());
        if (service == null) {
            throw new AssertionError("no " + type.getSimpleName() + " service within " + TIMEOUT);
        }
        return service;
    }

    /** Runs a shell command and returns what it printed plus its formatted result. */
    static String shell(String command) throws Exception {
        CommandProcessor processor = service(CommandProcessor.class);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(System.in, out, out)) {
            Object result = session.execute(command);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs a shell command that must fail and returns the failure's message. */
    static String shellError(String command) throws Exception {
        try {
            String output = shell(command);
            throw new AssertionError("expected '" + command + "' to fail, it printed: " + output);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            return e.getMessage();
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static boolean commandWorks(String command) {
        try {
            shell(command);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Writes a file so a watcher never sees it half-written: write beside, then rename. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(target.getParent().getParent(), "incoming", ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

package org.hypertensor.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Starts the node: reads {@code conf/config.properties}, prepares the home, installs {@code boot/}
 * (level 1) and {@code bundle/} (level 2), starts the framework, and exits with the framework's
 * verdict — or, for {@code run}, with the status of the commands.
 */
public final class Launcher {

    static final int BOOT_LEVEL = 1;
    static final int NODE_LEVEL = 2;
    static final int FINAL_LEVEL = 4;

    private Launcher() {}

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("hypertensor: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.mode() == LaunchOptions.Mode.HELP) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        if (options.mode() == LaunchOptions.Mode.VERSION) {
            System.out.println("hypertensor " + version() + " (Java " + Runtime.version() + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
            return;
        }
        try {
            System.exit(launch(options));
        } catch (IllegalStateException | IllegalArgumentException | IOException e) {
            System.err.println("hypertensor: " + e.getMessage());
            System.exit(1);
        } catch (BundleException e) {
            System.err.println("hypertensor: the node could not start: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
        }
    }

    static int launch(LaunchOptions options) throws IOException, BundleException, InterruptedException {
        long launched = ManagementFactory.getRuntimeMXBean().getStartTime();
        quietenJavaLogging();
        Path dist = distribution();
        String envHome = System.getenv("HYPERTENSOR_HOME");
        NodeHome home = new NodeHome(
                options.home() != null
                        ? options.home()
                        : envHome != null && !envHome.isBlank() ? Path.of(envHome) : dist);
        home.prepare(dist.resolve("etc"));
        if (options.mode() == LaunchOptions.Mode.RUN || options.mode() == LaunchOptions.Mode.CLIENT) {
            Optional<Integer> attached = attach(dist, home, options);
            if (attached.isPresent()) {
                return attached.get();
            }
        }
        boolean batch = options.mode() == LaunchOptions.Mode.RUN;
        if (!batch) {
            home.lock();
        }

        Map<String, String> launchValues = new HashMap<>();
        launchValues.put("hypertensor.home", home.root().toString());
        launchValues.put("hypertensor.dist", dist.toString());
        launchValues.put("hypertensor.launched.millis", Long.toString(launched));
        launchValues.put("hypertensor.version", version());
        Map<String, String> props = FrameworkProperties.load(dist.resolve("conf/config.properties"), launchValues);
        props.put(
                "hypertensor.features",
                props.getOrDefault(
                        "hypertensor.features." + options.mode().name().toLowerCase(java.util.Locale.ROOT), ""));
        if (options.network() != null) {
            props.put("hypertensor.network", options.network());
        }
        Path storage = batch
                ? Files.createTempDirectory("hypertensor-run-")
                : home.data().resolve("framework");
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(FINAL_LEVEL));
        switch (options.mode()) {
            case DEVNET -> {
                props.put("gosh.args", "");
                // the node starts the console itself once it has settled (node-core's ConsoleGate)
                props.put("hypertensor.console.deferred", props.getOrDefault("hypertensor.console.bundles", ""));
                // Routine INFO lines would interrupt the prompt: the interactive console shows warnings
                // and errors; node:logs and the log file keep everything.
                props.put("hypertensor.log.console", props.getOrDefault("hypertensor.log.console.interactive", "WARN"));
            }
            case START -> props.put("gosh.args", "--nointeractive --noshutdown");
            case RUN -> {
                props.put("gosh.args", "--nointeractive --noshutdown");
                props.put("hypertensor.batch", options.commands());
                if (options.json()) {
                    props.put("hypertensor.batch.format", "json");
                }
                // Command output goes to stdout; only problems are logged, to stderr, and not to the
                // running node's log file.
                props.put("hypertensor.log.console", props.getOrDefault("hypertensor.log.console.batch", "WARN"));
                props.put("hypertensor.log.console.stderr", "true");
                props.put("hypertensor.log.file", "");
            }
            default -> throw new IllegalStateException(options.mode() + " does not launch");
        }

        Framework framework = ServiceLoader.load(FrameworkFactory.class)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (bin/felix.jar)"))
                .newFramework(props);
        // Bundles' threads inherit this one's context class loader. JLine looks up its terminal
        // providers through it first: with the launcher's loader it finds none and falls back to a
        // dumb terminal (no history, completion or Ctrl-C handling); with none it uses its own bundle.
        Thread.currentThread().setContextClassLoader(null);
        framework.init();
        Set<String> last =
                Set.of(props.getOrDefault("hypertensor.console.bundles", "").split("\\s*,\\s*"));
        // A console left to the node (devnet) is installed but not started here.
        boolean startConsole = !props.containsKey("hypertensor.console.deferred");
        BundleInstaller installer = new BundleInstaller(framework.getBundleContext(), last, FINAL_LEVEL, startConsole);
        installer.install(dist.resolve("boot"), BOOT_LEVEL);
        installer.install(dist.resolve("bundle"), NODE_LEVEL);

        AtomicInteger exitCode = new AtomicInteger(0);
        Thread hook = new Thread(
                () -> {
                    stopQuietly(framework);
                    try {
                        framework.waitForStop(30_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "hypertensor-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        framework.start();
        // Registered once every start level is reached: the batch runner waits for it.
        Hashtable<String, Object> exitProps = new Hashtable<>();
        exitProps.put("hypertensor.launcher", "exit");
        framework
                .getBundleContext()
                .registerService(
                        IntConsumer.class,
                        code -> {
                            exitCode.set(code);
                            stopQuietly(framework);
                        },
                        exitProps);
        if (!batch) {
            long ready = System.currentTimeMillis() - launched;
            System.out.println("Hypertensor node ready in " + ready + " ms (home " + home.root() + ")");
            if (options.mode() == LaunchOptions.Mode.DEVNET) {
                System.out.println("Shell: try node:status, feature:list, node:logs, help. Ctrl-C interrupts a command;"
                        + " Ctrl-D or node:shutdown stops the node.");
            }
        }
        FrameworkEvent stopped = framework.waitForStop(0);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
        if (batch) {
            deleteQuietly(storage);
        }
        if (stopped.getType() == FrameworkEvent.ERROR) {
            System.err.println("hypertensor: the framework stopped with an error: " + stopped.getThrowable());
            return 1;
        }
        return exitCode.get();
    }

    /**
     * {@code client}, and {@code run} on a home whose node is running: the statements run in that node
     * (through its SSH console) instead of a second node that would find the home's database in use.
     * Empty when {@code run} should start its own node.
     */
    private static Optional<Integer> attach(Path dist, NodeHome home, LaunchOptions options) throws IOException {
        Optional<RunningNode> node = RunningNode.find(home);
        if (node.isEmpty()) {
            if (home.inUse()) {
                throw new IllegalStateException("the node running with home " + home.root()
                        + " has no SSH console to attach to (feature console-ssh; it may still be starting)");
            }
            if (options.mode() == LaunchOptions.Mode.CLIENT) {
                throw new IllegalStateException("no node is running with home " + home.root()
                        + "; start one with `hypertensor devnet` or `hypertensor start`");
            }
            return Optional.empty();
        }
        if (options.json()) {
            throw new IllegalArgumentException(
                    "--json is not available when attaching to a running node (unfinished); drop it or stop the node");
        }
        return Optional.of(Attach.run(dist, node.get(), options.commands()));
    }

    /**
     * SPI Fly and JLine log through java.util.logging: keep their routine notes (a provider
     * registered, a dumb terminal when there is no TTY) off the console.
     */
    private static void quietenJavaLogging() {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        JUL_PINNED.add(java.util.logging.Logger.getLogger("org.jline"));
        JUL_PINNED.add(java.util.logging.Logger.getLogger("org.apache.aries.spifly"));
        JUL_PINNED.forEach(l -> l.setLevel(java.util.logging.Level.SEVERE));
    }

    /** java.util.logging holds loggers weakly: keep the configured ones alive. */
    private static final java.util.List<java.util.logging.Logger> JUL_PINNED = new java.util.ArrayList<>();

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
        } catch (BundleException | IllegalStateException e) {
            System.err.println("hypertensor: stopping the framework: " + e.getMessage());
        }
    }

    /** The distribution is the folder above {@code bin/}, where this launcher's jar lives. */
    static Path distribution() {
        String override = System.getProperty("hypertensor.dist");
        if (override != null) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        try {
            Path jar = Path.of(Launcher.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            // the launcher jar lies in <distribution>/bin
            Path bin = jar.toAbsolutePath().getParent();
            Path home = bin == null ? null : bin.getParent();
            if (home == null) {
                throw new IllegalStateException("cannot locate the distribution: " + jar + " is not in its bin/");
            }
            return home.normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the distribution: " + e.getMessage());
        }
    }

    private static String version() {
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            });
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}

package org.hypertensor.launcher;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Attaches to the node running on a home through its SSH console. The client (SSHD, JLine, SLF4J, from the
 * distribution's {@code system/} and {@code boot/}) runs in a class loader of its own: on the launcher's
 * class path those libraries could be found by the node's bundles, which bring their own.
 */
final class Attach {

    private static final String CLIENT = "org.hypertensor.launcher.attach.SshAttach";
    private static final List<String> JARS = List.of(
            "bin/hypertensor-launcher.jar", "system/sshd-osgi.jar", "boot/12-slf4j-api.jar", "boot/40-jline.jar");

    private Attach() {}

    static int run(Path dist, RunningNode node, String commands) throws IOException {
        // SLF4J without a backend would print a warning about it: the client logs nothing
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        List<URL> urls = new ArrayList<>();
        for (String jar : JARS) {
            Path file = dist.resolve(jar);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("cannot attach: the distribution has no " + jar);
            }
            urls.add(url(file));
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader =
                new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Object status = loader.loadClass(CLIENT)
                    .getMethod("run", String.class, int.class, String.class, Path.class, String.class)
                    .invoke(null, node.host(), node.port(), node.fingerprint(), node.clientKey(), commands);
            return (Integer) status;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException("cannot attach to the node at " + node.host() + ":" + node.port() + ": "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot attach: " + e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static URL url(Path file) {
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot attach: " + e.getMessage());
        }
    }
}

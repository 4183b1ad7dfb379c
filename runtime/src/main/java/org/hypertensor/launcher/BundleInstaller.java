package org.hypertensor.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Installs a folder of bundles at a start level and marks them to start. Within a level, bundles
 * start in file-name order; {@code boot/} names its files so SPI Fly and logging come first. Bundles
 * of the last level may be left for the node to start (the interactive console, once the node has
 * settled).
 */
final class BundleInstaller {

    private final BundleContext context;
    private final Set<String> lastLevelBundles;
    private final int lastLevel;
    private final boolean startLast;

    BundleInstaller(BundleContext context, Set<String> lastLevelBundles, int lastLevel, boolean startLast) {
        this.context = context;
        this.lastLevelBundles = lastLevelBundles;
        this.lastLevel = lastLevel;
        this.startLast = startLast;
    }

    List<Bundle> install(Path dir, int level) throws IOException, BundleException {
        List<Bundle> installed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return installed;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : jars) {
            Bundle bundle = context.installBundle(jar.toUri().toString());
            boolean last = lastLevelBundles.contains(bundle.getSymbolicName());
            bundle.adapt(BundleStartLevel.class).setStartLevel(last ? lastLevel : level);
            if (!isFragment(jar) && (startLast || !last)) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
            installed.add(bundle);
        }
        return installed;
    }

    private static boolean isFragment(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null
                    && file.getManifest().getMainAttributes().getValue(Constants.FRAGMENT_HOST) != null;
        }
    }
}

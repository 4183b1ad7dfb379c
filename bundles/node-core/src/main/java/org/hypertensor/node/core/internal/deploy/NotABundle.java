package org.hypertensor.node.core.internal.deploy;

import java.io.File;
import java.io.IOException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says why a jar in {@code deploy/} is not installed: FileInstall installs only OSGi bundles and passes over
 * anything else without a word. This installer claims exactly those other jars (unreadable, or without a
 * {@code Bundle-SymbolicName}) and logs one line for each.
 */
@Component(service = ArtifactInstaller.class)
public final class NotABundle implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(NotABundle.class);

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && problem(artifact) != null;
    }

    @Override
    public void install(File artifact) {
        report(artifact);
    }

    @Override
    public void update(File artifact) {
        report(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        // nothing was installed
    }

    private static void report(File artifact) {
        String problem = problem(artifact);
        if (problem != null) {
            LOG.warn("{} not installed: {}", where(artifact), problem);
        }
    }

    private static String where(File artifact) {
        File dir = artifact.getParentFile();
        return (dir == null ? "" : dir.getName() + "/") + artifact.getName();
    }

    /** Why the file is not a bundle, or {@code null} when it is one. */
    static String problem(File artifact) {
        try (JarFile jar = new JarFile(artifact)) {
            Manifest m = jar.getManifest();
            if (m == null || m.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return "a plain jar, not an OSGi bundle (its manifest has no Bundle-SymbolicName)";
            }
            return null;
        } catch (IOException e) {
            return "not a readable jar (" + e.getMessage() + ")";
        }
    }
}

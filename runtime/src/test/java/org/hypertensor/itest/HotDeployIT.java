package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The example plugin, built on its own, dropped into deploy/: its command appears; a rebuilt version
 * replaces it in place and the node's consumers rebind to the new service; deleting it removes it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT extends NodeContainer {

    private static final String BSN = "org.example.hello";

    /** FileInstall reports a bundle it cannot start at WARN, which it logs only from level 2 (the distribution has 3). */
    @Override
    @Configuration
    public Option[] config() throws IOException {
        Option[] base = super.config();
        Option[] all = Arrays.copyOf(base, base.length + 1);
        all[base.length] = frameworkProperty("felix.fileinstall.log.level").value("3");
        return all;
    }

    @Test
    public void deployUpdateAndRemoveWhileRunning() throws Exception {
        Path example = DIST.resolve("system/hello-plugin-1.0.0.jar");
        Path deployed = home().resolve("deploy/hello-plugin.jar");
        long frameworkStarted = context().getBundle(0).getLastModified();

        writeAtomically(deployed, Files.readAllBytes(example));
        await("hello:greet from the deployed bundle", () -> commandWorks("hello:greet operator"));
        assertEquals(
                "Hello, operator! (hello-plugin 1.0.0)",
                shell("hello:greet operator").trim());
        await("node:plugins to list the plugin", () -> output("node:plugins").contains(BSN));
        long bundleId = bundle().getBundleId();

        writeAtomically(deployed, withVersion(Files.readAllBytes(example), "1.0.1"));
        await(
                "the updated plugin to answer",
                () -> output("hello:greet operator").contains("1.0.1"));
        assertEquals("updated in place, not reinstalled", bundleId, bundle().getBundleId());
        await(
                "node:plugins to rebind to the new service",
                () -> output("node:plugins").matches("(?s).*" + BSN.replace(".", "\\.") + "\\s+1\\.0\\.1.*"));

        Files.delete(deployed);
        await(
                "the plugin to be uninstalled",
                () -> Arrays.stream(context().getBundles()).noneMatch(b -> BSN.equals(b.getSymbolicName())));
        assertFalse(commandWorks("hello:greet operator"));
        assertFalse(output("node:plugins").contains(BSN));
        assertEquals(
                "the framework never restarted",
                frameworkStarted,
                context().getBundle(0).getLastModified());
    }

    @Test
    public void aJarThatIsNoBundleOrCannotResolveIsOneLogLine() throws Exception {
        Path deploy = home().resolve("deploy");
        writeAtomically(deploy.resolve("garbage.jar"), "not a zip".getBytes(StandardCharsets.UTF_8));
        writeAtomically(deploy.resolve("plain.jar"), jar(new Manifest()));
        Manifest broken = new Manifest();
        broken.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
        broken.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.broken");
        broken.getMainAttributes().putValue("Import-Package", "no.such.pkg");
        writeAtomically(deploy.resolve("broken.jar"), jar(broken));
        await("a line for each jar", () -> {
            String logs = output("node:logs -n 2000");
            return logs.contains("deploy/garbage.jar not installed: not a readable jar")
                    && logs.contains("deploy/plain.jar not installed: a plain jar, not an OSGi bundle")
                    && logs.contains("broken.jar: Unable to resolve org.example.broken");
        });
        String logs = output("node:logs -n 2000");
        assertFalse(logs, logs.contains("LogException"));
        assertFalse(logs, logs.contains("BundleException"));
        assertFalse(logs, logs.contains("Unresolved requirements"));
    }

    private static byte[] jar(Manifest manifest) throws IOException {
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new JarEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static Bundle bundle() {
        return Arrays.stream(context().getBundles())
                .filter(b -> BSN.equals(b.getSymbolicName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(BSN + " is not installed"));
    }

    private static String output(String command) {
        try {
            return shell(command);
        } catch (Exception e) {
            return "";
        }
    }

    /** The same plugin rebuilt with another Bundle-Version, as a developer's next build would be. */
    static byte[] withVersion(byte[] jar, String version) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        assertTrue(bytes.size() > 0);
        return bytes.toByteArray();
    }
}

package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** feature:install and feature:uninstall apply a build-resolved feature to the running node. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FeaturesIT extends NodeContainer {

    @Test
    public void installAndUninstallAFeature() throws Exception {
        String list = shell("feature:list");
        assertTrue(list, list.matches("(?s).*example-hello\\s+AVAILABLE.*"));
        assertTrue(list, list.matches("(?s).*node-core\\s+INSTALLED \\(boot\\).*"));
        assertFalse(commandWorks("hello:greet x"));

        String installed = shell("feature:install example-hello");
        assertTrue(installed, installed.contains("org.example.hello"));
        assertEquals("Hello, x! (hello-plugin 1.0.0)", shell("hello:greet x").trim());
        assertTrue(shell("feature:list").matches("(?s).*example-hello\\s+INSTALLED.*"));
        assertTrue(Files.readString(home().resolve("data/features.installed")).contains("example-hello"));
        assertTrue(shell("feature:install example-hello").contains("no bundles installed"));

        String removed = shell("feature:uninstall example-hello");
        assertTrue(removed, removed.contains("org.example.hello"));
        assertFalse(commandWorks("hello:greet x"));
        assertTrue(
                Arrays.stream(context().getBundles()).noneMatch(b -> "org.example.hello".equals(b.getSymbolicName())));
        assertTrue(
                "shared bundles stay",
                Arrays.stream(context().getBundles())
                        .anyMatch(b -> "org.apache.felix.scr".equals(b.getSymbolicName())));
        assertFalse(Files.readString(home().resolve("data/features.installed")).contains("example-hello"));
    }

    @Test
    public void aFeatureForAnotherBuildIsRefusedAndNeverListedInstalled() throws Exception {
        String gpu = shellError("feature:install engine-tensorflow-gpu");
        assertTrue(
                gpu,
                gpu.startsWith("feature engine-tensorflow-gpu needs org.hypertensor.engine.tensorflow with"
                        + " Hypertensor-Natives linux-x86_64-gpu, but this distribution's has linux-x86_64"));
        assertTrue(shell("feature:list"), shell("feature:list").matches("(?s).*engine-tensorflow-gpu\\s+AVAILABLE.*"));
    }

    @Test
    public void mistakesAreExplained() throws Exception {
        String unknown = shellError("feature:install nope");
        assertTrue(unknown, unknown.matches("no feature named 'nope' \\(available: .*example-hello, .*node-core.*\\)"));
        assertEquals(
                "feature node-core is part of every node and cannot be uninstalled",
                shellError("feature:uninstall node-core"));
        assertEquals("feature example-hello is not installed", shellError("feature:uninstall example-hello"));
    }
}

package org.hypertensor.node.core.internal.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

class FeatureDefinitionTest {

    @Test
    void readsAResolvedBndrun(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("example-hello.bndrun");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "# comment",
                        "feature.description: Example plugin",
                        "-runfw: org.apache.felix.framework;version='[7.0.5,7.0.5]'",
                        "-runrequires: \\",
                        "\tbnd.identity;id='org.example.hello'",
                        "-runbundles: \\",
                        "\torg.apache.felix.scr;version='[2.2.18,2.2.19)',\\",
                        "\torg.example.hello;version='[1.0.0,1.0.1)'",
                        ""));
        FeatureDefinition def = FeatureDefinition.read(file);
        assertEquals("example-hello", def.name());
        assertEquals("Example plugin", def.description());
        assertFalse(def.boot());
        assertEquals(2, def.bundles().size());
        BundleRequirement hello = def.bundles().get(1);
        assertEquals("org.example.hello", hello.symbolicName());
        assertTrue(hello.matches("org.example.hello", Version.parseVersion("1.0.0.202611220451")));
        assertFalse(hello.matches("org.example.hello", Version.parseVersion("1.0.1")));
        assertFalse(hello.matches("org.example.other", Version.parseVersion("1.0.0")));
    }

    @Test
    void readsWhatAFeatureNeedsOfItsBundles(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("engine-gpu.bndrun");
        Files.writeString(
                file,
                "feature.needs: org.hypertensor.engine.tensorflow;Hypertensor-Natives=linux-x86_64-gpu\n"
                        + "-runbundles: org.hypertensor.engine.tensorflow;version='[1.0.0,1.0.1)'\n");
        assertEquals(
                List.of(new FeatureDefinition.Need(
                        "org.hypertensor.engine.tensorflow", "Hypertensor-Natives", "linux-x86_64-gpu")),
                FeatureDefinition.read(file).needs());
        Files.writeString(file, "feature.needs: org.x\n-runbundles: org.x;version='[1,2)'\n");
        assertThrows(IOException.class, () -> FeatureDefinition.read(file));
    }

    @Test
    void anUnresolvedFeatureIsRefusedWithItsName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.bndrun");
        Files.writeString(file, "-runrequires: bnd.identity;id='x'\n");
        IOException e = assertThrows(IOException.class, () -> FeatureDefinition.read(file));
        assertEquals("feature broken is not resolved: broken.bndrun has no -runbundles", e.getMessage());
    }

    @Test
    void clausesSplitOutsideQuotesOnly() {
        assertEquals(
                List.of("a;version='[1,2)'", "b", "c;x=\"p,q\""),
                HeaderClauses.split(" a;version='[1,2)' , b,c;x=\"p,q\","));
        assertThrows(IllegalArgumentException.class, () -> HeaderClauses.split("a;version='[1,2)"));
    }

    @Test
    void declaredFeaturesAreACommaSeparatedList() {
        assertEquals(
                List.of("validator", "engine-java"),
                FeatureManager.declaredFeatures(" validator, engine-java,,validator "));
        assertEquals(List.of(), FeatureManager.declaredFeatures(null));
        assertEquals(List.of(), FeatureManager.declaredFeatures(" "));
    }

    @Test
    void installedFeaturesSurviveAReload(@TempDir Path dir) {
        Path file = dir.resolve("data/features.installed");
        InstalledFeatures first = new InstalledFeatures(file);
        first.add("validator");
        first.add("engine-java");
        first.remove("validator");
        assertEquals(List.of("engine-java"), new InstalledFeatures(file).names());
        assertFalse(Files.exists(dir.resolve("data/features.installed.tmp")));
    }
}

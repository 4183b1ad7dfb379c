package org.hypertensor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkPropertiesTest {

    @Test
    void placeholdersAreFilledFromLaunchValues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.properties");
        Files.writeString(
                file,
                "felix.fileinstall.dir=${hypertensor.home}/etc,${hypertensor.home}/deploy\n"
                        + "log=${log.dir}/node.log\nlog.dir=${hypertensor.home}/data\n");
        Map<String, String> props = FrameworkProperties.load(file, Map.of("hypertensor.home", "/n"));
        assertEquals("/n/etc,/n/deploy", props.get("felix.fileinstall.dir"));
        assertEquals("/n/data/node.log", props.get("log"));
    }

    @Test
    void anUnknownPlaceholderIsNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, "a=${nowhere}\n");
        assertEquals(
                "config.properties uses ${nowhere}, which is not set",
                assertThrows(IllegalArgumentException.class, () -> FrameworkProperties.load(file, Map.of()))
                        .getMessage());
    }

    @Test
    void theHomeIsSeededWithoutOverwritingAndLockedOnce(@TempDir Path dir) throws Exception {
        Path defaults = Files.createDirectories(dir.resolve("dist/etc"));
        Files.writeString(defaults.resolve("a.cfg"), "x = default\n");
        Files.writeString(defaults.resolve("b.cfg"), "y = default\n");
        NodeHome home = new NodeHome(dir.resolve("home"));
        Files.createDirectories(home.etc());
        Files.writeString(home.etc().resolve("a.cfg"), "x = mine\n");
        home.prepare(defaults);
        assertEquals("x = mine\n", Files.readString(home.etc().resolve("a.cfg")));
        assertEquals("y = default\n", Files.readString(home.etc().resolve("b.cfg")));
        home.lock();
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> new NodeHome(dir.resolve("home")).lock());
        assertEquals(true, e.getMessage().startsWith("another node is running with home "));
    }
}

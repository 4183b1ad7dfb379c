package org.hypertensor.console.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointFileTest {

    @Test
    void writesWhereTheConsoleListensAndRemovesOnlyItsOwn(@TempDir Path home) throws Exception {
        Path file = home.resolve("data/node.endpoint");
        EndpointFile endpoint = new EndpointFile(file);
        endpoint.write("127.0.0.1", 8101, "SHA256:abc", "etc/client.key");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        assertEquals("8101", p.getProperty("port"));
        assertEquals("SHA256:abc", p.getProperty("fingerprint"));
        assertEquals(Long.toString(ProcessHandle.current().pid()), p.getProperty("pid"));
        endpoint.removeIfOurs();
        assertFalse(Files.exists(file));

        Files.writeString(file, "pid=1\nport=9\n", StandardCharsets.UTF_8);
        endpoint.removeIfOurs();
        assertTrue(Files.exists(file), "another process's file stays");
    }
}

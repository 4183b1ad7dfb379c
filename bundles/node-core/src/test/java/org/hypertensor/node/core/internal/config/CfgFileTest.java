package org.hypertensor.node.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CfgFileTest {

    private static List<CfgFile.Entry> parse(String text) throws CfgFile.SyntaxError {
        return CfgFile.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static CfgFile.SyntaxError refused(byte[] bytes) {
        return assertThrows(CfgFile.SyntaxError.class, () -> CfgFile.parse(bytes));
    }

    @Test
    void readsKeysValuesCommentsAndContinuations() throws Exception {
        List<CfgFile.Entry> entries = parse(
                "# comment\n! also\n\nport = 9933\r\nlisten: /ip4/127.0.0.1/tcp/0 , \\\n   /ip4/0.0.0.0/tcp/1\nempty =\n");
        assertEquals(
                List.of(
                        new CfgFile.Entry("port", "9933", 4),
                        new CfgFile.Entry("listen", "/ip4/127.0.0.1/tcp/0 , /ip4/0.0.0.0/tcp/1", 5),
                        new CfgFile.Entry("empty", "", 7)),
                entries);
    }

    @Test
    void refusesWhatPropertiesWouldGuessAtWithTheLine() {
        assertEquals(
                2,
                refused("a = 1\n\u00ff\u00fe = 2\n".getBytes(StandardCharsets.ISO_8859_1))
                        .line());
        CfgFile.SyntaxError noKey = refused("a = 1\n\njust words\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(3, noKey.line());
        assertTrue(noKey.getMessage().startsWith("expected key = value"), noKey.getMessage());
        assertEquals(1, refused("a = \u0001\n".getBytes(StandardCharsets.UTF_8)).line());
        CfgFile.SyntaxError twice = refused("a = 1\nb = 2\na = 3\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("'a' is already set on line 1", twice.getMessage());
        assertEquals(3, twice.line());
    }

    @Test
    void randomBytesAreRefused() {
        Random random = new Random(15);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[64 + random.nextInt(512)];
            random.nextBytes(bytes);
            refused(bytes);
        }
    }

    @Test
    void everyShippedConfigFileParses() throws Exception {
        Path etc = Path.of("../../config/etc");
        try (Stream<Path> files = Files.list(etc)) {
            List<Path> cfgs =
                    files.filter(p -> p.toString().endsWith(".cfg")).sorted().toList();
            assertTrue(cfgs.size() > 10);
            for (Path cfg : cfgs) {
                try {
                    CfgFile.parse(Files.readAllBytes(cfg));
                } catch (CfgFile.SyntaxError e) {
                    throw new AssertionError(cfg + " line " + e.line() + ": " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }
}

package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.hypertensor.ledger.api.Ledger;
import org.hypertensor.node.core.api.NodeInfo;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Config files that cannot be right (issue 15): random bytes, a value of the wrong type. Each is refused
 * whole before it reaches Config Admin, with one ERROR naming the file and line; the last good
 * configuration stays in force and no component is restarted (its service stays the same registration).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigFileIT extends NodeContainer {

    @Override
    protected void prepareHome(Path home) throws IOException {
        Files.copy(DIST.resolve("etc/chain-devnet.json"), home.resolve("etc/chain-devnet.json"));
        Files.writeString(home.resolve("etc/org.hypertensor.ledger.cfg"), "validator.key = //Alice\n");
        Files.writeString(home.resolve("etc/org.hypertensor.node.cfg"), "name = good\n");
    }

    @Override
    protected List<String> systemBundles() {
        return CHAIN_BUNDLES;
    }

    @Test
    public void aFileOfRandomBytesIsRefusedWithItsLineAndChangesNothing() throws Exception {
        NodeInfo node = service(NodeInfo.class);
        await("the name from the file", () -> node.name().equals("good"));
        long serviceId = serviceId(NodeInfo.class);
        byte[] garbage = new byte[2048];
        new Random(15).nextBytes(garbage);
        writeAtomically(home().resolve("etc/org.hypertensor.node.cfg"), garbage);

        await("the refusal", () -> !refusals("org.hypertensor.node.cfg").isEmpty());
        String line = refusals("org.hypertensor.node.cfg").get(0);
        assertTrue(
                line,
                line.matches("\\S+\\s+ERROR\\s+\\S+ConfigFileGuard\\s+Config file etc/org\\.hypertensor\\.node\\.cfg"
                        + " refused, nothing applied \\(the last good configuration stays in force\\): line \\d+: .+"));
        assertEquals("good", node.name());
        assertEquals("the component was not restarted", serviceId, serviceId(NodeInfo.class));
        String status = shell("node:status");
        assertTrue(status, status.contains("etc/org.hypertensor.node.cfg") && status.contains("refused, not applied"));

        writeAtomically(
                home().resolve("etc/org.hypertensor.node.cfg"), "name = better\n".getBytes(StandardCharsets.UTF_8));
        await("the corrected file", () -> node.name().equals("better"));
        assertTrue(!shell("node:status").contains("etc/org.hypertensor.node.cfg"));
    }

    @Test
    public void aRefusedValueRestartsNothing() throws Exception {
        Ledger ledger = service(Ledger.class);
        await("blocks", () -> ledger.head().number() >= 2);
        long serviceId = serviceId(Ledger.class);
        writeAtomically(
                home().resolve("etc/org.hypertensor.ledger.cfg"),
                "validator.key = //Alice\npool.max = abc\n".getBytes(StandardCharsets.UTF_8));

        await("the refusal", () -> !refusals("org.hypertensor.ledger.cfg").isEmpty());
        String line = refusals("org.hypertensor.ledger.cfg").get(0);
        assertTrue(line, line.endsWith("line 2: pool.max = 'abc' is not an integer"));
        long head = ledger.head().number();
        await("blocks go on", () -> ledger.head().number() > head + 1);
        assertEquals("the chain store was not closed and reopened", serviceId, serviceId(Ledger.class));
        assertTrue(service(Ledger.class) == ledger);
    }

    private static long serviceId(Class<?> type) {
        return (Long) context().getServiceReference(type).getProperty("service.id");
    }

    private static List<String> refusals(String file) {
        try {
            return Stream.of(shell("node:logs -n 500 -l WARN").split("\n"))
                    .filter(l -> l.contains("Config file etc/" + file + " refused"))
                    .toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

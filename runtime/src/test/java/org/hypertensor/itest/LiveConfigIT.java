package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hypertensor.node.core.api.NodeInfo;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * An edited etc/*.cfg reconfigures its component live; an invalid value is refused with one log line
 * naming the file, the line, the key and why, and the component keeps its last good configuration.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveConfigIT extends NodeContainer {

    private static final String PID = "org.hypertensor.node";

    @Test
    public void editsApplyLiveAndInvalidValuesAreRefused() throws Exception {
        NodeInfo node = service(NodeInfo.class);
        Path cfg = home().resolve("etc/" + PID + ".cfg");

        write(cfg, "name = first\nlog.level = INFO\n");
        await("the node name from the file", () -> node.name().equals("first"));

        shell("node:loglevel ROOT WARN"); // an operator's run-time choice
        write(cfg, "name = second\nlog.level = LOUD\nheartbeat.seconds = often\n");
        await("the refusal in the log", () -> refusals().size() == 1);
        String line = refusals().get(0);
        assertTrue(
                line,
                line.matches(
                        "\\S+\\s+ERROR\\s+org\\.hypertensor\\.node\\.core\\.internal\\.config\\.ConfigFileGuard\\s+"
                                + "Config file etc/org\\.hypertensor\\.node\\.cfg refused, nothing applied \\(the last good configuration"
                                + " stays in force\\): line 2: log\\.level = 'LOUD' is not one of TRACE, DEBUG, INFO, WARN, ERROR, OFF;"
                                + " line 3: heartbeat\\.seconds = 'often' is not an integer"));
        // The guard logs the refusal instead of handing the file to Config Admin, so the refused values can never
        // reach the node: no waiting needed before checking what it kept.
        assertEquals("kept the last good configuration", "first", node.name());
        assertTrue(
                "re-applying the last good file must not undo node:loglevel",
                shell("node:loglevel").matches("(?s).*ROOT\\s+WARN.*"));

        write(cfg, "name = third\nlog.level = DEBUG\nheartbeat.seconds = 60\n");
        await("the corrected file to apply", () -> node.name().equals("third"));
        assertTrue(shell("node:loglevel").matches("(?s).*ROOT\\s+DEBUG.*"));
        assertTrue(shell("node:status").contains("third"));

        // the file takes the levels in the words and any case node:loglevel takes
        write(cfg, "name = fourth\nlog.level = warn\nheartbeat.seconds = 60\n");
        await("a lower-case level to apply", () -> node.name().equals("fourth"));
        assertTrue(shell("node:loglevel").matches("(?s).*ROOT\\s+WARN.*"));
    }

    /** The refusal lines of node:logs, as an operator reads them. */
    private static List<String> refusals() {
        try {
            return Stream.of(shell("node:logs -n 500 -l WARN").split("\n"))
                    .filter(l -> l.contains("refused"))
                    .toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Path cfg, String text) throws Exception {
        writeAtomically(cfg, text.getBytes(StandardCharsets.UTF_8));
    }
}

package org.hypertensor.itest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a command on a pseudo-terminal (util-linux {@code script}), as a person at a terminal would run it. */
final class Pty {
    private Pty() {}

    /**
     * Runs {@code command} (a shell command line) on a 120 × 40 xterm with {@code env} added to the environment;
     * skips the test without util-linux {@code script}.
     */
    static Process start(String command, Map<String, String> env) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a pty");
        List<String> argv = new ArrayList<>(
                List.of("/usr/bin/script", "-qfec", "stty cols 120 rows 40; exec " + command, "/dev/null"));
        if (Files.isExecutable(Path.of("/usr/bin/perl"))) {
            // A job started in the background by a non-interactive shell (a CI script run with '&', nohup) has
            // SIGINT ignored, and that is inherited down to the process on the terminal, whose Ctrl-C would then do
            // nothing: restore the default as an interactive shell would.
            argv.addAll(0, List.of("/usr/bin/perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die \"exec: $!\""));
        }
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("TERM", "xterm-256color");
        builder.environment().putAll(env);
        return builder.start();
    }
}

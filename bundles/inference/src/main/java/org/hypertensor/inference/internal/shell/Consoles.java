package org.hypertensor.inference.internal.shell;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandSession;

/** Where a command streams text while it runs (tokens, load progress), before its result is printed. */
final class Consoles {

    private Consoles() {}

    /**
     * The session's console; but a session created on Gogo's own {@code System.out} (the non-interactive
     * runner's) would write back into itself forever, so that one streams to the process's stdout.
     */
    static PrintStream of(CommandSession session) {
        PrintStream console = session.getConsole();
        if (console == null || console == System.out) {
            return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        }
        return console;
    }
}

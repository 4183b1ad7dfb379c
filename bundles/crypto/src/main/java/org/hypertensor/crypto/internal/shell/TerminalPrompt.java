package org.hypertensor.crypto.internal.shell;

import org.hypertensor.plugin.api.shell.CommandError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

/** A hidden-input prompt on the Gogo session's JLine terminal; the only class that touches JLine. */
final class TerminalPrompt {

    private TerminalPrompt() {}

    static char[] read(Object terminal, String prompt) {
        if (!(terminal instanceof Terminal t)) {
            throw new CommandError("the shell's terminal is not a JLine terminal; use --password-file");
        }
        LineReader reader = LineReaderBuilder.builder().terminal(t).build();
        try {
            // mask NUL: echo nothing at all, not even the length
            String line = reader.readLine(prompt, LineReaderImpl.NULL_MASK);
            return line.toCharArray();
        } catch (UserInterruptException | EndOfFileException e) {
            throw new CommandError("cancelled: no password");
        }
    }
}

package org.hypertensor.node.core.internal.shell;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.osgi.service.component.annotations.Component;

/**
 * Warns when a command line has an unquoted {@code //}: Gogo takes it as a comment and drops the rest of the line,
 * so {@code ledger:transfer //Alice //Bob 1} would run as a bare {@code ledger:transfer}. Dev accounts are named
 * without slashes ({@code Bob}) or quoted ({@code '//Bob'}).
 */
@Component
public final class CommentWarning implements CommandSessionListener {

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        int at = commentStart(command);
        if (at >= 0 && session.getConsole() != null) {
            String dropped =
                    command.subSequence(at, command.length()).toString().strip();
            session.getConsole()
                    .println("note: an unquoted // starts a comment, so the shell ignored \"" + dropped
                            + "\"; name a dev account without slashes (Bob) or quote it ('//Bob')");
        }
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {}

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {}

    /** Where an unquoted {@code //} that starts a word begins, or -1 ({@code http://x} is no comment). */
    static int commentStart(CharSequence line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '/'
                    && i + 1 < line.length()
                    && line.charAt(i + 1) == '/'
                    && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            } else if (c == '\n') {
                quote = 0;
            }
        }
        return -1;
    }
}

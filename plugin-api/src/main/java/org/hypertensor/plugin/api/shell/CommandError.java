package org.hypertensor.plugin.api.shell;

/**
 * A user's mistake in a shell command (an unknown name, a malformed value). The shell prints its
 * message as one line, never a stack trace, and a non-interactive run exits non-zero.
 */
public class CommandError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommandError(String message) {
        super(message);
    }

    /** The shell prints errors with {@code toString()}: the message alone is what the user needs. */
    @Override
    public String toString() {
        return getMessage();
    }

    /** Users don't need the stack of a mistake they made; skipping it keeps errors cheap. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

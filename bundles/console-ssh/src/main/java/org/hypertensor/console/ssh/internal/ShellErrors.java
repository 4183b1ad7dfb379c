package org.hypertensor.console.ssh.internal;

import org.hypertensor.plugin.api.shell.CommandError;

/** The one line an operator sees for a failed command: what was wrong, never a stack trace. */
final class ShellErrors {

    private ShellErrors() {}

    static String line(Throwable failure) {
        if (failure.getClass().getSimpleName().equals("CommandNotFoundException")) {
            String message = failure.getMessage();
            return message == null ? "unknown command" : message.replace("Command not found", "unknown command");
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CommandError || t instanceof IllegalArgumentException) {
                return t.getMessage();
            }
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}

package org.hypertensor.crypto.internal.shell;

import java.io.Console;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.hypertensor.crypto.api.KeystoreException;
import org.hypertensor.crypto.api.Passwords;
import org.hypertensor.plugin.api.shell.CommandError;

/**
 * Where a shell command's keystore password comes from, first match wins: {@code --password-file},
 * the environment variable {@code HYPERTENSOR_KEYSTORE_PASSWORD}, a prompt on the shell's terminal
 * (JLine, input hidden), the JVM console. A script without any of them fails with one line.
 */
final class PasswordSource {

    private PasswordSource() {}

    /**
     * @param confirm ask twice when prompting (for a new key file)
     */
    static char[] obtain(CommandSession session, String passwordFile, String keyName, boolean confirm) {
        if (passwordFile != null && !passwordFile.isEmpty()) {
            try {
                return Passwords.fromFile(Path.of(passwordFile).toAbsolutePath());
            } catch (KeystoreException | IllegalArgumentException e) {
                throw new CommandError(e.getMessage());
            }
        }
        Optional<char[]> fromEnvironment = Passwords.fromEnvironment();
        if (fromEnvironment.isPresent()) {
            return fromEnvironment.get();
        }
        String prompt = "Password for key '" + keyName + "': ";
        char[] password = prompt(session, prompt);
        if (confirm) {
            char[] again = prompt(session, "Repeat the password: ");
            boolean same = Arrays.equals(password, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(password, '\0');
                throw new CommandError("the passwords differ; nothing stored");
            }
        }
        if (password.length == 0) {
            throw new CommandError("an empty password is not allowed");
        }
        return password;
    }

    private static char[] prompt(CommandSession session, String prompt) {
        // Gogo's JLine shell keeps its session's terminal in ".terminal": the local console's, or an SSH
        // session's (whose client must see the prompt, not the node's own console)
        Object terminal = session == null ? null : session.get(".terminal");
        if (terminal != null) {
            try {
                return TerminalPrompt.read(terminal, prompt);
            } catch (NoClassDefFoundError e) {
                // JLine is not wired to this bundle (optional import): fall through to the console
            }
        }
        Console console = System.console();
        if (console != null) {
            char[] password = console.readPassword("%s", prompt);
            if (password == null) {
                throw new CommandError("cancelled: no password");
            }
            return password;
        }
        throw new CommandError("no password: give --password-file PATH, set " + Passwords.ENVIRONMENT_VARIABLE
                + ", or use an interactive shell");
    }
}

package org.hypertensor.console.ssh.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;

/** Makes the Gogo sessions of SSH channels: the same profile, scopes and variables as the local console. */
final class GogoSessions {

    /** Session variable holding what {@code exit} runs to close that SSH session (and only it). */
    static final String EXIT_HOOK = ".ssh.exit";
    /** Searched for bare command names when the profile does not say otherwise. */
    private static final String DEFAULT_SCOPE = "node:feature:gogo:*";

    private final CommandProcessor processor;
    private final BundleContext context;

    GogoSessions(CommandProcessor processor, BundleContext context) {
        this.processor = processor;
        this.context = context;
    }

    CommandSession open(InputStream in, PrintStream out, PrintStream err, Runnable exit) {
        CommandSession session = processor.createSession(in, out, err);
        session.put(Shell.VAR_CONTEXT, context);
        session.put("SCOPE", DEFAULT_SCOPE);
        session.put(EXIT_HOOK, exit);
        return session;
    }

    /**
     * A Gogo shell of its own: the local console's ({@code gosh}) stops the framework through its context
     * when it ends.
     */
    Shell shell() {
        return new Shell(
                new Shell.Context() {
                    @Override
                    public String getProperty(String name) {
                        return context.getProperty(name);
                    }

                    @Override
                    public void exit() {
                        // never the framework: the SSH channel closes when the shell returns
                    }
                },
                processor);
    }

    /** Runs the home's {@code etc/gosh_profile} (assignments only) in a session without a login shell. */
    void sourceProfile(CommandSession session) throws Exception {
        String home = context.getProperty("gosh.home");
        if (home == null) {
            return;
        }
        Path profile = Path.of(home, "etc", "gosh_profile");
        if (Files.isRegularFile(profile)) {
            session.execute(Files.readString(profile, StandardCharsets.UTF_8));
        }
    }
}

package org.hypertensor.node.core.internal.shell;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.hypertensor.node.core.api.FeatureService;
import org.hypertensor.plugin.api.shell.CommandError;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs {@code ./hypertensor run -c "CMD ; CMD"}: once the launcher says the node is up (by registering
 * its exit callback), runs each statement, prints its result, and exits 0, or 1 at the first error
 * (printed as one line on stderr).
 */
@Component(immediate = true)
public final class BatchRunner {

    /** Framework property holding the statements to run. */
    static final String BATCH = "hypertensor.batch";
    /** Framework property: {@code json} prints each result as one line of JSON (see {@link JsonResults}). */
    static final String FORMAT = "hypertensor.batch.format";
    /** Command scopes searched for a bare name, as in the interactive shell's profile. */
    static final String SCOPE = "node:feature:gogo:*";
    /** How long a command that is not there yet is waited for (bundles still registering it). */
    private static final long COMMAND_GRACE_MS = 2_000;

    private final CommandProcessor processor;
    private final IntConsumer exit;
    private final FeatureService features;
    private final StartupSettle settle;
    private final boolean json;

    @Activate
    public BatchRunner(
            @Reference CommandProcessor processor,
            @Reference(target = "(hypertensor.launcher=exit)") IntConsumer exit,
            @Reference FeatureService features,
            BundleContext context) {
        this.processor = processor;
        this.exit = exit;
        this.features = features;
        this.settle = new StartupSettle(context);
        this.json = "json".equals(context.getProperty(FORMAT));
        String script = context.getProperty(BATCH);
        if (script != null) {
            Thread runner = new Thread(() -> exit.accept(run(script)), "batch-runner");
            runner.start();
        }
    }

    private int run(String script) {
        // The process's own descriptors, not System.out: Gogo swaps System.out for a per-session
        // stream, and a session writing into itself would recurse when a command prints.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        try {
            settle.awaitNode(features);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        List<String> statements;
        try {
            statements = StatementSplitter.split(script);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        try (CommandSession session = processor.createSession(System.in, out, err)) {
            session.put("SCOPE", SCOPE);
            for (String statement : statements) {
                try {
                    Object result = executeWithGrace(session, statement);
                    if (result != null) {
                        String text = String.valueOf(session.format(result, Converter.INSPECT));
                        out.println(json ? JsonResults.of(result, text) : text);
                    }
                } catch (Exception e) {
                    err.println("error: " + describe(e));
                    return 1;
                }
            }
            out.flush();
            return 0;
        }
    }

    private static Object executeWithGrace(CommandSession session, String statement) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(COMMAND_GRACE_MS);
        while (true) {
            try {
                return session.execute(statement);
            } catch (Exception e) {
                if (!isCommandNotFound(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    private static boolean isCommandNotFound(Throwable e) {
        return e.getClass().getSimpleName().equals("CommandNotFoundException");
    }

    /** One line: the user's mistake as said, anything else with its type. */
    static String describe(Throwable e) {
        if (isCommandNotFound(e)) {
            return e.getMessage() == null
                    ? "command not found"
                    : e.getMessage().replace("Command not found", "unknown command");
        }
        Throwable cause = e;
        while (!(cause instanceof CommandError) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof CommandError || cause instanceof IllegalArgumentException) {
            return cause.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}

package org.hypertensor.console.ssh.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.felix.gogo.runtime.Parser;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * {@code ssh host 'CMD ; CMD'}: runs each statement in a fresh Gogo session, prints each result as the
 * shell does, and exits 0, or 1 at the first failure (one {@code error:} line on stderr), 2 when the
 * statements cannot be parsed.
 */
final class ExecCommand implements Command {

    private final GogoSessions sessions;
    private final String script;
    private final String name;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private Thread runner;

    ExecCommand(GogoSessions sessions, String script, String name) {
        this.sessions = sessions;
        this.script = script;
        this.name = name;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public synchronized void start(ChannelSession channel, Environment env) {
        runner = new Thread(() -> exit.onExit(run()), name);
        runner.setDaemon(true);
        runner.start();
    }

    private int run() {
        PrintStream stdout = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        List<Parser.Executable> statements;
        try {
            statements = new Parser(script).program().tokens();
        } catch (RuntimeException e) {
            stderr.println("error: " + ShellErrors.line(e));
            return 2;
        }
        try (CommandSession session = sessions.open(in, stdout, stderr, () -> {})) {
            sessions.sourceProfile(session);
            for (Parser.Executable statement : statements) {
                Object result = session.execute(String.valueOf(statement));
                if (result != null) {
                    stdout.println(session.format(result, Converter.INSPECT));
                }
            }
            return 0;
        } catch (Exception e) {
            stderr.println("error: " + ShellErrors.line(e));
            return 1;
        } finally {
            stdout.flush();
            stderr.flush();
        }
    }

    @Override
    public synchronized void destroy(ChannelSession channel) {
        // the client went away: stop what runs for it
        if (runner != null) {
            runner.interrupt();
        }
    }
}

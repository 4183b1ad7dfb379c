package org.hypertensor.console.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandSession;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An interactive SSH session: a Gogo login shell on a JLine terminal made of the channel's streams. JLine's
 * line discipline turns Ctrl-C into an interrupt of the running command and Ctrl-D at an empty prompt into
 * the end of this session; the size follows the client's window.
 */
final class ShellCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(ShellCommand.class);

    private final GogoSessions sessions;
    private final String welcome;
    private final String name;
    private final AtomicBoolean exited = new AtomicBoolean();
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private Terminal terminal;
    private Thread runner;

    ShellCommand(GogoSessions sessions, String welcome, String name) {
        this.sessions = sessions;
        this.welcome = welcome;
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
        // a terminal has one output: errors are shown there
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public synchronized void start(ChannelSession channel, Environment env) throws IOException {
        Map<String, String> vars = env.getEnv();
        // JLine's own line discipline in this JVM: a builder given streams would put an OS pseudo-terminal
        // in between, whose Ctrl-C signals no one here.
        terminal = new ExternalTerminal(
                name, vars.getOrDefault(Environment.ENV_TERM, "xterm-256color"), in, out, StandardCharsets.UTF_8);
        terminal.setSize(size(vars));
        Terminal t = terminal;
        env.addSignalListener(
                (ch, signal) -> {
                    t.setSize(size(env.getEnv()));
                    t.raise(Terminal.Signal.WINCH);
                },
                Signal.WINCH);
        runner = new Thread(this::run, name);
        runner.setDaemon(true);
        runner.start();
    }

    private void run() {
        int status = 0;
        PrintStream console = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
        try (CommandSession session = sessions.open(terminal.input(), console, console, () -> finish(0))) {
            session.put(Shell.VAR_TERMINAL, terminal);
            terminal.writer().println(welcome);
            terminal.flush();
            // Called directly, not as a command: each line is then a job of its own, and Ctrl-C interrupts
            // that job, not this shell. --noshutdown: its end is this session's, not the framework's.
            sessions.shell().gosh(session, new String[] {"--login", "--noshutdown"});
        } catch (Exception e) {
            if (!exited.get()) {
                LOG.warn("SSH shell {} ended: {}", name, ShellErrors.line(e));
                status = 1;
            }
        } finally {
            closeTerminal();
            finish(status);
        }
    }

    /** Ends this session once: the client gets the status and the channel closes. */
    private void finish(int status) {
        if (exited.compareAndSet(false, true)) {
            exit.onExit(status);
        }
    }

    private synchronized void closeTerminal() {
        try {
            terminal.close();
        } catch (IOException e) {
            // the channel is gone already
        }
    }

    @Override
    public synchronized void destroy(ChannelSession channel) {
        exited.set(true);
        if (runner != null) {
            runner.interrupt();
        }
        if (terminal != null) {
            closeTerminal();
        }
    }

    private static Size size(Map<String, String> vars) {
        return new Size(number(vars.get(Environment.ENV_COLUMNS), 80), number(vars.get(Environment.ENV_LINES), 24));
    }

    private static int number(String text, int fallback) {
        try {
            int n = text == null ? fallback : Integer.parseInt(text.trim());
            return n > 0 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

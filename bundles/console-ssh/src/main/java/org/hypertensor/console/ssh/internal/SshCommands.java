package org.hypertensor.console.ssh.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code ssh:status}, and {@code exit} / {@code logout}, which close the SSH session they are typed in. */
@Component(
        service = SshCommands.class,
        immediate = true,
        property = {
            "osgi.command.scope=ssh",
            "osgi.command.function=status",
            "osgi.command.function=exit",
            "osgi.command.function=logout"
        })
public final class SshCommands {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final SshConsole console;

    @Activate
    public SshCommands(@Reference SshConsole console) {
        this.console = console;
    }

    @Descriptor("where the SSH console listens, its host key and its sessions")
    public Report status() {
        SshConsole.Status s = console.status();
        Table sessions = Table.of("USER", "FROM", "LOGGED IN", "SINCE");
        for (SshConsole.SessionInfo session : s.sessions()) {
            sessions.row(
                    session.user(),
                    session.from(),
                    session.authenticated() ? "yes" : "no",
                    session.since() == null ? "-" : TIME.format(session.since()));
        }
        return Report.create()
                .section(
                        "SSH console",
                        Table.properties()
                                .row("state", s.state())
                                .row("address", s.host() + ":" + s.port())
                                .row("host key", s.fingerprint() == null ? "-" : s.fingerprint())
                                .row("authorized keys", s.authorizedKeys())
                                .row("sessions", s.sessions().size()))
                .section("Sessions", sessions);
    }

    @Descriptor("close this SSH session (the node keeps running)")
    public void exit(CommandSession session) {
        close(session);
    }

    @Descriptor("close this SSH session (the node keeps running)")
    public void logout(CommandSession session) {
        close(session);
    }

    private static void close(CommandSession session) {
        if (!(session.get(GogoSessions.EXIT_HOOK) instanceof Runnable hook)) {
            throw new CommandError("exit closes an SSH session; here Ctrl-D or node:shutdown stops the node");
        }
        hook.run();
    }
}

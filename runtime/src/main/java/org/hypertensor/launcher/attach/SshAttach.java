package org.hypertensor.launcher.attach;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.common.util.io.output.NoCloseOutputStream;
import org.jline.terminal.Attributes;
import org.jline.terminal.Attributes.InputFlag;
import org.jline.terminal.Attributes.LocalFlag;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The launcher's SSH client for a node running on the same home: logs in with the home's client key,
 * accepts only the host key the node announced, and either runs statements (exec) or opens the shell on
 * this terminal (raw mode, window size followed). Loaded in a class loader of its own (see the launcher's
 * {@code Attach}), so SSHD and JLine never share the node's class path.
 */
public final class SshAttach {

    private static final Duration CONNECT = Duration.ofSeconds(15);

    private SshAttach() {}

    /** Runs {@code commands} in the node, or opens its shell when they are null; returns the exit status. */
    public static int run(String host, int port, String fingerprint, Path clientKey, String commands)
            throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setIoServiceFactoryFactory(new Nio2ServiceFactoryFactory());
        client.setKeyIdentityProvider(new FileKeyPairProvider(clientKey));
        client.setServerKeyVerifier((session, address, key) -> fingerprint.equals(KeyUtils.getFingerPrint(key)));
        client.start();
        try (ClientSession session = client.connect(System.getProperty("user.name", "node"), host, port)
                .verify(CONNECT)
                .getSession()) {
            session.auth().verify(CONNECT);
            return commands == null ? shell(session) : exec(session, commands);
        } finally {
            client.stop();
        }
    }

    private static int exec(ClientSession session, String commands) throws IOException {
        try (ChannelExec channel = session.createExecChannel(commands)) {
            channel.setOut(new NoCloseOutputStream(System.out));
            channel.setErr(new NoCloseOutputStream(System.err));
            channel.open().verify(CONNECT);
            return await(channel);
        }
    }

    private static int shell(ClientSession session) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder()
                        .name("hypertensor-client")
                        .system(true)
                        .build();
                ChannelShell channel = session.createShellChannel()) {
            Size size = terminal.getSize();
            channel.setPtyType(terminal.getType());
            channel.setPtyColumns(size.getColumns() > 0 ? size.getColumns() : 80);
            channel.setPtyLines(size.getRows() > 0 ? size.getRows() : 24);
            channel.setIn(terminal.input());
            OutputStream out = new NoCloseOutputStream(terminal.output());
            channel.setOut(out);
            channel.setErr(out);
            Attributes saved = rawMode(terminal);
            terminal.handle(Terminal.Signal.WINCH, signal -> {
                Size now = terminal.getSize();
                try {
                    channel.sendWindowChange(now.getColumns(), now.getRows());
                } catch (IOException e) {
                    // the session is ending
                }
            });
            try {
                channel.open().verify(CONNECT);
                return await(channel);
            } finally {
                terminal.setAttributes(saved);
            }
        }
    }

    /**
     * Keys go to the node as typed: no local echo or line editing, and Ctrl-C is a key (it interrupts the
     * node's command, not this client). Output is left as it is. Returns the attributes to restore.
     */
    private static Attributes rawMode(Terminal terminal) {
        Attributes saved = terminal.getAttributes();
        Attributes raw = new Attributes(saved);
        raw.setLocalFlags(EnumSet.of(LocalFlag.ICANON, LocalFlag.ECHO, LocalFlag.IEXTEN, LocalFlag.ISIG), false);
        raw.setInputFlags(EnumSet.of(InputFlag.IXON, InputFlag.ICRNL, InputFlag.INLCR), false);
        raw.setControlChar(Attributes.ControlChar.VMIN, 1);
        raw.setControlChar(Attributes.ControlChar.VTIME, 0);
        terminal.setAttributes(raw);
        return saved;
    }

    private static int await(ClientChannel channel) {
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
        Integer status = channel.getExitStatus();
        return status == null ? 1 : status;
    }
}

package org.hypertensor.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH console and attaching to a running node, as an operator meets them: a real node process
 * ({@code hypertensor start} with the validator and the console-ssh feature on a free loopback port), SSHD's
 * client over real sockets, the launcher's {@code run -c} and {@code client} (on a pseudo-terminal made by
 * util-linux {@code script}).
 */
class SshConsoleIT {

    private static final Path LAUNCHER =
            NodeContainer.DIST.resolve("bin/hypertensor").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String PROMPT = "hypertensor> ";

    @TempDir
    static Path home;

    private static Process node;
    private static int port;
    private static SshClient client;

    @BeforeAll
    static void startNode() throws Exception {
        port = freePort();
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/org.hypertensor.console.ssh.cfg"), "port = " + port + "\n");
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "start", "--home", home.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("node.out").toFile());
        builder.environment().put("JAVA_OPTS", "-Dhypertensor.features.start=validator,chain-modules,console-ssh");
        node = builder.start();
        Path endpoint = home.resolve("data/node.endpoint");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.exists(endpoint)) {
            assertTrue(node.isAlive(), "the node stopped:\n" + nodeOutput());
            assertTrue(System.nanoTime() < deadline, "the SSH console never listened:\n" + nodeOutput());
            Thread.sleep(100);
        }
        client = SshClient.setUpDefaultClient();
        client.start();
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (client != null) {
            client.stop();
        }
        if (node != null) {
            node.destroy();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            assertFalse(Files.exists(home.resolve("data/node.endpoint")), "a clean stop removes the endpoint file");
        }
    }

    @Test
    void theHomesKeyRunsCommandsAndGetsTheirStatus() throws Exception {
        try (ClientSession session = login(homeKey())) {
            Exec head = exec(session, "ledger:head");
            assertEquals(0, head.status(), head.err());
            assertTrue(head.out().contains("genesis") && head.out().contains("best"), head.out());

            Exec failing = exec(session, "ledger:head ; nope:cmd ; ledger:head");
            assertEquals(1, failing.status());
            assertEquals("error: unknown command: nope:cmd\n", failing.err());
            assertEquals(
                    1, failing.out().split("genesis", -1).length - 1, "stops at the first error: " + failing.out());

            Exec status = exec(session, "ssh:status");
            assertTrue(
                    status.out().contains("127.0.0.1:" + port) && status.out().contains("SHA256:"), status.out());
        }
        awaitLog("SSH login of ");
    }

    @Test
    void aKeyNotInAuthorizedKeysAndAPasswordAreRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        try (ClientSession session = connect()) {
            session.addPublicKeyIdentity(generator.generateKeyPair());
            session.addPasswordIdentity("hunter2");
            AuthFuture auth = session.auth();
            assertTrue(auth.await(WAIT), "no answer to the login");
            assertFalse(auth.isSuccess(), "an unknown key logged in");
        }
        awaitLog("SSH login refused from 127.0.0.1");
    }

    @Test
    void aShellSessionInterruptsWithCtrlCPromptsForPasswordsAndExitClosesOnlyIt() throws Exception {
        try (ClientSession session = login(homeKey());
                ChannelShell shell = session.createShellChannel()) {
            Screen screen = new Screen(WAIT);
            shell.setPtyType("xterm-256color");
            shell.setPtyColumns(120);
            shell.setPtyLines(40);
            shell.setOut(screen.sink());
            shell.setErr(screen.sink());
            shell.open().verify(WAIT);
            OutputStream keys = shell.getInvertedIn();
            screen.await("the prompt", PROMPT, 0);
            type(keys, screen, "ledger:head\r", "genesis");

            shell.sendWindowChange(100, 30);
            type(keys, screen, "echo cols ($.terminal width)\r", "cols 100");

            interruptASleep(keys, screen);

            // a keystore password is asked on this session's terminal, without echo
            type(keys, screen, "key:generate over-ssh\r", "Password for key 'over-ssh': ");
            type(keys, screen, "not-shown-1\r", "Repeat the password: ");
            type(keys, screen, "not-shown-1\r", "stored");
            assertFalse(screen.text().contains("not-shown-1"), "the password was echoed:\n" + screen.text());

            type(keys, screen, "exit\r", "exit");
            shell.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT.toMillis());
            assertEquals(Integer.valueOf(0), shell.getExitStatus(), screen.text());
            assertTrue(node.isAlive(), "exit stopped the node");
            Exec after = exec(session, "ledger:head");
            assertEquals(0, after.status(), "the node answers after the session closed: " + after.err());
        }
    }

    @Test
    void runOnAHomeWhoseNodeRunsAttachesToIt() throws Exception {
        LauncherIT.Result r = LauncherIT.hypertensor(home, "run", "-c", "ledger:head ; ssh:status");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("genesis") && r.out().contains("listening"), r.out());
        assertFalse(r.err().contains("in use"), r.err());

        LauncherIT.Result failing = LauncherIT.hypertensor(home, "client", "-c", "nope:cmd");
        assertEquals(1, failing.code());
        assertEquals("error: unknown command: nope:cmd\n", failing.err());
    }

    @Test
    void theClientOnAPseudoTerminalGetsTheNodesShell() throws Exception {
        Process attached = Pty.start(LAUNCHER + " client --home " + home, Map.of());
        Screen screen = new Screen(attached.getInputStream(), WAIT);
        try (OutputStream keys = attached.getOutputStream()) {
            screen.await("the prompt", PROMPT, 0);
            type(keys, screen, "ledger:head\r", "genesis");
            interruptASleep(keys, screen);
            type(keys, screen, "exit\r", "exit");
            assertTrue(attached.waitFor(60, TimeUnit.SECONDS), "exit did not end the client:\n" + screen.text());
            assertEquals(0, attached.exitValue(), screen.text());
        } finally {
            attached.destroyForcibly();
        }
        assertTrue(node.isAlive(), "the client's exit stopped the node");
    }

    @Test
    void aStaleEndpointIsIgnoredAndTheClientSaysNoNodeRuns(@TempDir Path other) throws Exception {
        Files.createDirectories(other.resolve("data"));
        Files.writeString(
                other.resolve("data/node.endpoint"),
                "host=127.0.0.1\nport=" + port + "\nfingerprint=SHA256:x\npid=" + Long.MAX_VALUE + "\n");
        LauncherIT.Result r = LauncherIT.hypertensor(other, "client", "-c", "ledger:head");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("hypertensor: no node is running with home "), r.err());
        assertFalse(Files.exists(other.resolve("data/node.endpoint")), "the stale file was removed");
    }

    record Exec(int status, String out, String err) {}

    private static Exec exec(ClientSession session, String command) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(err);
            channel.open().verify(WAIT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), WAIT.toMillis());
            Integer status = channel.getExitStatus();
            return new Exec(
                    status == null ? -1 : status,
                    out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs {@code sleep 60} and presses Ctrl-C until it is interrupted; then the prompt is back. */
    private static void interruptASleep(OutputStream keys, Screen screen) throws Exception {
        type(keys, screen, "sleep 60\r", "\u001b[?2004l"); // JLine has read the line
        int running = screen.length(); // from here a prompt means the job ended
        // Ctrl-C until the job ends (one that lands while the job is starting interrupts it before Thread.sleep,
        // without the "sleep interrupted" message). The terminal may interleave the echo of a Ctrl-C with the
        // command's error line, and the error line's two copies with each other character by character (seen in CI:
        // "jjaavav.al.al…"), so the end is the prompt, and the exception's name is checked as letters in order.
        for (int tries = 0; !screen.shows(PROMPT, running); tries++) {
            assertTrue(tries < 30, "Ctrl-C never interrupted the command:\n" + screen.text());
            keys.write(3);
            keys.flush();
            screen.awaitQuietly(PROMPT, running, Duration.ofSeconds(2));
        }
        String output = screen.text().substring(running);
        assertTrue(
                inOrder(output, "InterruptedException"),
                "the interrupted command reported no InterruptedException:\n" + output);
        assertTrue(node.isAlive(), "Ctrl-C stopped the node");
    }

    /** Whether {@code letters} appear in {@code text} in order, other characters between them allowed. */
    private static boolean inOrder(String text, String letters) {
        int at = 0;
        for (int i = 0; i < text.length() && at < letters.length(); i++) {
            if (text.charAt(i) == letters.charAt(at)) {
                at++;
            }
        }
        return at == letters.length();
    }

    /** Types a line a moment after the prompt and waits for what it must show; returns where it began. */
    private static int type(OutputStream keys, Screen screen, String text, String expected) throws Exception {
        Thread.sleep(300); // JLine discards keys typed while it switches the terminal mode
        int mark = screen.length();
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        screen.await("the answer to " + text.trim(), expected, mark);
        return mark;
    }

    private static ClientSession connect() throws IOException {
        return client.connect("operator", "127.0.0.1", port).verify(WAIT).getSession();
    }

    private static ClientSession login(KeyPair key) throws IOException {
        ClientSession session = connect();
        session.addPublicKeyIdentity(key);
        session.auth().verify(WAIT);
        return session;
    }

    private static KeyPair homeKey() throws Exception {
        return new FileKeyPairProvider(home.resolve("etc/client.key"))
                .loadKeys(null)
                .iterator()
                .next();
    }

    private static void awaitLog(String expected) throws Exception {
        Path log = home.resolve("data/logs/node.log");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!(Files.exists(log)
                && Files.readString(log, StandardCharsets.UTF_8).contains(expected))) {
            assertTrue(System.nanoTime() < deadline, "no '" + expected + "' in the log:\n" + nodeOutput());
            Thread.sleep(100);
        }
    }

    private static String nodeOutput() throws IOException {
        Path out = home.resolve("node.out");
        return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

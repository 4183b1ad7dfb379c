package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.hypertensor.p2p.api.AdmissionHook;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerConnection;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.p2p.api.PubSub;
import org.hypertensor.p2p.api.PubSubMessage;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

/**
 * The p2p bundle in the container, and a second node — the real distribution in its own JVM — that
 * finds it through the boot peer in its config: identify (with a protocol served by an OSGi
 * {@link ProtocolHandler} service), the {@link AdmissionHook} service, ping both ways, gossip.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class P2pIT extends NodeContainer {

    private static final String TOPIC = "/hypertensor/itest/tx";
    private static final String ECHO = "/itest/echo/1.0.0";

    @Override
    protected void prepareHome(Path home) throws IOException {
        Files.writeString(home.resolve("etc/org.hypertensor.p2p.cfg"), "listen = /ip4/127.0.0.1/tcp/0\n");
    }

    @Override
    protected List<String> systemBundles() {
        return List.of("hypertensor-p2p-.*\\.jar", "netty-.*\\.jar");
    }

    @Test
    public void aSecondNodeFindsThisOneThroughItsBootPeer() throws Exception {
        P2pNetwork network = service(P2pNetwork.class);
        PubSub pubsub = service(PubSub.class);
        PeerId self = network.localPeerId();
        assertTrue(shell("p2p:id").contains(self.toString()));
        assertTrue(Files.exists(home().resolve("data/p2p/identity.key")));

        Set<PeerId> admitted = ConcurrentHashMap.newKeySet();
        ServiceRegistration<AdmissionHook> hook = context()
                .registerService(
                        AdmissionHook.class,
                        (peer, addr) -> {
                            admitted.add(peer);
                            return CompletableFuture.completedFuture(true);
                        },
                        null);
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ProtocolHandler.PROTOCOL, ECHO);
        ServiceRegistration<ProtocolHandler> echo = context()
                .registerService(
                        ProtocolHandler.class,
                        stream -> stream.write(stream.read().get(5, TimeUnit.SECONDS))
                                .thenCompose(v -> stream.closeWrite()),
                        props);
        LinkedBlockingQueue<PubSubMessage> inbox = new LinkedBlockingQueue<>();
        PubSub.Subscription sub = pubsub.subscribe(TOPIC, inbox::add);
        Path other = Files.createTempDirectory("hypertensor-p2p-peer-");
        try {
            Files.createDirectories(other.resolve("etc"));
            Multiaddr boot = network.listenAddresses().get(0);
            Files.writeString(
                    other.resolve("etc/org.hypertensor.p2p.cfg"),
                    "listen = /ip4/127.0.0.1/tcp/0\nboot.peers = " + boot + "\n");
            Process node = new ProcessBuilder(
                            DIST.resolve("bin/hypertensor").toAbsolutePath().toString(),
                            "run",
                            "--home",
                            other.toString(),
                            "-c",
                            "feature:install p2p ; p2p:subscribe " + TOPIC + " ; gogo:sleep 5 ; p2p:peers ; p2p:ping "
                                    + self + " ; p2p:publish " + TOPIC + " hello-from-outside")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(other.resolve("out.txt").toFile())
                    .start();
            try {
                await("the other node connects", () -> !network.connections().isEmpty());
                PeerConnection c = network.connections().get(0);
                // a connection is listed while its admission runs: the hook is called on another thread
                await("the admission hook consulted", () -> admitted.contains(c.peer()));
                await(
                        "identify of the other node",
                        () -> network.peerProtocols(c.peer()).contains("/ipfs/ping/1.0.0"));
                assertTrue(network.ping(c.peer()).get(10, TimeUnit.SECONDS).toMillis() < 5000);
                P2pStream s = network.openStream(c.peer(), List.of("/ipfs/ping/1.0.0"))
                        .get(10, TimeUnit.SECONDS);
                s.reset();

                PubSubMessage m = inbox.poll(30, TimeUnit.SECONDS);
                assertNotNull("the other node's gossip arrived", m);
                assertEquals("hello-from-outside", new String(m.data(), StandardCharsets.UTF_8));
                assertEquals(c.peer(), m.from());
                assertTrue(node.waitFor(60, TimeUnit.SECONDS));
                String out = Files.readString(other.resolve("out.txt"));
                assertEquals(out, 0, node.exitValue());
                // the other node sees us, with the five protocols we serve (identify, push, ping, meshsub, echo)
                assertTrue(
                        out,
                        Pattern.compile(self
                                        + "\\s+/ip4/127\\.0\\.0\\.1/tcp/\\d+\\s+out\\s+\\d+\\s+hypertensor/\\S+\\s+5")
                                .matcher(out)
                                .find());
                assertTrue(out, out.contains("RTT (ms)"));
                assertTrue(out, out.contains("to 1 peer(s)"));
            } finally {
                node.destroyForcibly();
            }
        } finally {
            sub.close();
            echo.unregister();
            hook.unregister();
        }
        String badAddress = shellError("p2p:connect /ip4/1.2.3/tcp/1");
        assertTrue(badAddress, badAddress.contains("bad IPv4 address"));
        String badPeer = shellError("p2p:ping 12D3KooW0OIl");
        assertTrue(badPeer, badPeer.contains("is not a peer id"));
    }
}

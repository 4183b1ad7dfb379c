package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.api.P2pNetwork;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Three nodes and one boot peer: this container node installs the dht feature; two more nodes — the real
 * distribution in their own JVMs — have only its address as their p2p boot peer. The second puts a record
 * with dht:put, the third finds the second in its routing table and reads the record with dht:get.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DhtIT extends NodeContainer {

    private static final String OPEN = "admission = open\nrefresh.minutes = 1\n";

    @Override
    protected void prepareHome(Path home) throws IOException {
        Files.writeString(home.resolve("etc/org.hypertensor.p2p.cfg"), "listen = /ip4/127.0.0.1/tcp/0\n");
        Files.writeString(home.resolve("etc/org.hypertensor.dht.cfg"), OPEN);
    }

    @Override
    protected List<String> systemBundles() {
        return List.of("hypertensor-p2p-.*\\.jar", "netty-.*\\.jar");
    }

    private static Process node(Path home, Multiaddr boot, String commands) throws IOException {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(
                home.resolve("etc/org.hypertensor.p2p.cfg"),
                "listen = /ip4/127.0.0.1/tcp/0\nboot.peers = " + boot + "\n");
        Files.writeString(home.resolve("etc/org.hypertensor.dht.cfg"), OPEN);
        return new ProcessBuilder(
                        DIST.resolve("bin/hypertensor").toAbsolutePath().toString(),
                        "run",
                        "--home",
                        home.toString(),
                        "-c",
                        "feature:install dht ; " + commands)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("out.txt").toFile())
                .start();
    }

    @Test
    public void threeNodesMeetThroughOneBootPeerAndShareARecord() throws Exception {
        shell("feature:install dht");
        P2pNetwork network = service(P2pNetwork.class);
        Multiaddr boot = network.listenAddresses().get(0);
        await("the dht commands", () -> {
            try {
                return shell("dht:routing").contains("BUCKET");
            } catch (Exception e) {
                return false;
            }
        });
        String noPeer = shellError("dht:find 12D3KooW0OIl");
        assertTrue(noPeer, noPeer.contains("is not a peer id"));

        Path two = Files.createTempDirectory("hypertensor-dht-2-");
        Path three = Files.createTempDirectory("hypertensor-dht-3-");
        Process writer = node(
                two,
                boot,
                "gogo:sleep 8 ; p2p:id ; dht:put /hypertensor/itest/greeting hello-from-two ; gogo:sleep 20");
        Process reader = node(three, boot, "gogo:sleep 16 ; dht:routing ; dht:get /hypertensor/itest/greeting");
        try {
            assertTrue(reader.waitFor(90, TimeUnit.SECONDS));
            String out = Files.readString(three.resolve("out.txt"));
            assertEquals(out, 0, reader.exitValue());
            assertTrue(out, out.contains("hello-from-two"));
            String written = Files.readString(two.resolve("out.txt"));
            assertTrue(written, written.contains("stored /hypertensor/itest/greeting at"));
            String twoId = written.replaceAll("(?s).*peer id\\s+(\\S+).*", "$1");
            assertTrue("node three found node two through the boot peer: " + out, out.contains(twoId));
            assertTrue(shell("dht:routing"), shell("dht:routing").contains(twoId));
        } finally {
            writer.destroyForcibly();
            reader.destroyForcibly();
        }
    }
}

package org.hypertensor.inference.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.inference.net.internal.client.ClientNetwork;
import org.hypertensor.inference.net.internal.client.ClientSettings;
import org.hypertensor.inference.net.internal.client.DistributedGenerator;
import org.hypertensor.inference.net.internal.client.NoRouteException;
import org.hypertensor.inference.net.internal.client.StakeCheck;
import org.hypertensor.inference.net.internal.wire.AnnouncementCodec;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What clients read from the DHT: stake, publisher = subkey, states; and an engine swap under a session. */
class AnnouncementsTest {

    @TempDir
    static Path dir;

    static TestNetwork net;
    static TestNetwork.Server staked;
    static TestNetwork.Server unstaked;
    static TestNetwork.Node reader;
    static StakeCheck stake;

    @BeforeAll
    static void start() throws Exception {
        net = new TestNetwork(dir, ModelSize.TINY);
        staked = net.server(new BlockRange(0, 2));
        unstaked = net.server(new BlockRange(0, 2));
        reader = net.node();
        PeerId bad = unstaked.node().peer();
        stake = (subnet, peer) -> subnet == TestNetwork.SUBNET && !peer.equals(bad);
    }

    @AfterAll
    static void stop() {
        net.close();
    }

    @Test
    void unstakedAnnouncementsAreIgnored() throws Exception {
        ClientNetwork all = net.client(reader, (s, p) -> true, ClientSettings.defaults());
        assertEquals(2, all.servers(TestNetwork.SUBNET, 2, true).size(), "both announcements are in the DHT");
        ClientNetwork client = net.client(reader, stake, ClientSettings.defaults());
        List<BlockAnnouncement> seen = client.servers(TestNetwork.SUBNET, 2, true);
        assertEquals(
                List.of(staked.node().peer()),
                seen.stream().map(BlockAnnouncement::peer).toList());
        assertEquals(ServerState.ONLINE, seen.get(0).state());
        assertEquals(new BlockRange(0, 2), seen.get(0).range());
        // another subnet: nobody is staked there
        ClientNetwork other = net.client(reader, (s, p) -> s == 2, ClientSettings.defaults());
        assertTrue(other.servers(TestNetwork.SUBNET, 2, true).isEmpty());
        NoRouteException e = assertThrows(
                NoRouteException.class,
                () -> other.route(TestNetwork.SUBNET, net.model().manifest(), 16, true));
        assertTrue(e.getMessage().contains("no usable server hosts block 0 (0 servers announced"), e.getMessage());
    }

    @Test
    void anAnnouncementForSomeoneElseIsIgnored() throws Exception {
        // the unstaked node claims to be the staked one: subkey ≠ its own peer id
        BlockAnnouncement forged = staked.announcer().announcement(ServerState.ONLINE);
        unstaked.node()
                .dht()
                .put(
                        AnnouncementCodec.key(TestNetwork.SUBNET, 0),
                        staked.node().peer().toBytes(),
                        AnnouncementCodec.encode(forged.withState(ServerState.OFFLINE)),
                        Duration.ofMinutes(2))
                .get(20, TimeUnit.SECONDS);
        ClientNetwork client = net.client(reader, (s, p) -> true, ClientSettings.defaults());
        List<BlockAnnouncement> seen = client.servers(TestNetwork.SUBNET, 2, true);
        BlockAnnouncement s = seen.stream()
                .filter(a -> a.peer().equals(staked.node().peer()))
                .findFirst()
                .orElseThrow();
        assertEquals(ServerState.ONLINE, s.state(), "the forged OFFLINE was not taken");
    }

    @Test
    void offlineServersAreNotRouted() throws Exception {
        TestNetwork.Server leaving = net.server(new BlockRange(0, 2));
        leaving.announcer().close(); // clean shutdown: OFFLINE, no longer republished
        ClientNetwork client = net.client(reader, (s, p) -> true, ClientSettings.defaults());
        BlockAnnouncement a = client.servers(TestNetwork.SUBNET, 2, true).stream()
                .filter(x -> x.peer().equals(leaving.node().peer()))
                .findFirst()
                .orElseThrow();
        assertEquals(ServerState.OFFLINE, a.state());
        for (int i = 0; i < 5; i++) {
            assertTrue(!client.route(TestNetwork.SUBNET, net.model().manifest(), 16, true)
                    .get(0)
                    .server()
                    .peer()
                    .equals(leaving.node().peer()));
        }
    }

    @Test
    void engineSwapDuringASessionKeepsTheOutput() throws Exception {
        ClientNetwork client = net.client(reader, stake, ClientSettings.defaults());
        DistributedGenerator generator = net.generator(client);
        String expected = generator
                .generate("swap", 16, SamplingOptions.GREEDY, p -> true)
                .text();
        int before = staked.server().moves();
        AtomicInteger pieces = new AtomicInteger();
        try (JavaEngine faster = new JavaEngine(1, 64L << 20)) {
            DistributedGenerator.Result r = generator.generate("swap", 16, SamplingOptions.GREEDY, p -> {
                if (pieces.incrementAndGet() == 6) {
                    staked.registry().addEngine(faster, TestNetwork.props("java-2", 50));
                }
                return true;
            });
            assertEquals(expected, r.text());
            assertEquals(0, r.failures(), "the server replayed its sessions itself");
            assertEquals(before + 2, staked.server().moves(), "both blocks moved to the new engine");
            staked.registry().removeEngine(faster);
        }
    }
}

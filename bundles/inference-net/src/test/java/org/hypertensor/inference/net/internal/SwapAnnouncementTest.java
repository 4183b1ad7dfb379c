package org.hypertensor.inference.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.inference.net.internal.client.ClientNetwork;
import org.hypertensor.inference.net.internal.client.ClientSettings;
import org.hypertensor.inference.net.internal.wire.ErrorCode;
import org.hypertensor.inference.net.internal.wire.Frame;
import org.hypertensor.inference.net.internal.wire.ProtocolException;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.DType;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.hypertensor.plugin.api.engine.LoadedBlocks;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.hypertensor.plugin.api.engine.WeightSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine swap on a server with another engine ready to take over: the server announces OFFLINE in the
 * DHT while its blocks move (new sessions are refused meanwhile) and ONLINE again once they run on the new
 * engine.
 */
class SwapAnnouncementTest {

    @TempDir
    Path dir;

    /** A real Java engine whose loading waits until the test lets it go: a swap that lasts. */
    private static final class HeldEngine implements InferenceEngine {
        final JavaEngine inner = new JavaEngine(1, 64L << 20);
        final CountDownLatch loading = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);

        @Override
        public String name() {
            return "java-held";
        }

        @Override
        public String device() {
            return inner.device();
        }

        @Override
        public Set<String> architectures() {
            return inner.architectures();
        }

        @Override
        public Set<DType> dtypes() {
            return inner.dtypes();
        }

        @Override
        public long freeMemory() {
            return inner.freeMemory();
        }

        @Override
        public LoadedBlocks load(ModelManifest manifest, BlockRange range, WeightSource weights) {
            loading.countDown();
            try {
                if (!go.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the load go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.load(manifest, range, weights);
        }
    }

    @Test
    void offlineWhileBlocksMoveThenOnline() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        HeldEngine held = new HeldEngine();
        try (TestNetwork net = new TestNetwork(dir, ModelSize.TINY)) {
            TestNetwork.Server server = net.server(new BlockRange(0, 2));
            server.announcer().start(timer);
            ClientNetwork reader = net.client(net.node(), (s, p) -> true, ClientSettings.defaults());
            assertEquals(ServerState.ONLINE, announced(reader, server));

            Thread swap =
                    new Thread(() -> server.registry().addEngine(held, TestNetwork.props("java-held", 50)), "swap");
            swap.start();
            assertTrue(held.loading.await(20, TimeUnit.SECONDS), "the move started");
            TestHosts.await(
                    "OFFLINE announced during the move",
                    Duration.ofSeconds(30),
                    () -> announced(reader, server) == ServerState.OFFLINE);
            assertEquals(ServerState.OFFLINE, server.server().state());
            ProtocolException refused = assertThrows(
                    ProtocolException.class,
                    () -> server.server()
                            .open(
                                    net.node().peer(),
                                    new Frame.Open(net.model().manifest().id(), 0, 2, 16, 1)));
            assertEquals(ErrorCode.UNAVAILABLE, refused.code());

            held.go.countDown();
            swap.join(30_000);
            assertEquals(2, server.server().moves(), "both blocks moved to the new engine");
            TestHosts.await(
                    "ONLINE announced after the move",
                    Duration.ofSeconds(30),
                    () -> announced(reader, server) == ServerState.ONLINE);
            assertEquals(ServerState.ONLINE, server.server().state());
            server.registry().removeEngine(held);
        } finally {
            held.go.countDown();
            held.inner.close();
            timer.shutdownNow();
        }
    }

    private static ServerState announced(ClientNetwork reader, TestNetwork.Server server) {
        for (BlockAnnouncement a : reader.servers(TestNetwork.SUBNET, 2, true)) {
            if (a.peer().equals(server.node().peer())) {
                return a.state();
            }
        }
        return null;
    }
}

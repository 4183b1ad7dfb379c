package org.hypertensor.inference.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.inference.net.internal.client.ChainSession;
import org.hypertensor.inference.net.internal.client.ClientNetwork;
import org.hypertensor.inference.net.internal.client.ClientSettings;
import org.hypertensor.inference.net.internal.server.Drain;
import org.hypertensor.inference.net.internal.wire.ErrorCode;
import org.hypertensor.inference.net.internal.wire.Frame;
import org.hypertensor.inference.net.internal.wire.ProtocolException;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.p2p.internal.host.TestHosts;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.ModelManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server leaving its range (a move) drains it: no new session there, the open one keeps stepping to its
 * end without a fail-over, and only then are the blocks unhosted.
 */
class DrainTest {

    @TempDir
    Path dir;

    @Test
    void openSessionsFinishBeforeTheBlocksGo() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (TestNetwork net = new TestNetwork(dir, ModelSize.TINY)) {
            TestNetwork.Server leaving = net.server(new BlockRange(0, 2));
            ClientNetwork client = net.client(net.node(), (s, p) -> true, ClientSettings.defaults());
            ModelManifest m = net.model().manifest();
            try (ChainSession chain = client.open(TestNetwork.SUBNET, m, 32)) {
                chain.step(ServerLimitsTest.hidden(3, 1));
                CompletableFuture<Void> gone =
                        Drain.retire(leaving.server(), timer, Duration.ofMillis(50), Clock.systemUTC());
                assertEquals(ServerState.OFFLINE, leaving.server().state());
                ProtocolException refused = assertThrows(
                        ProtocolException.class,
                        () -> leaving.server().open(net.node().peer(), new Frame.Open(m.id(), 0, 2, 16, 1)));
                assertEquals(ErrorCode.UNAVAILABLE, refused.code());
                for (int i = 0; i < 5; i++) {
                    chain.step(ServerLimitsTest.hidden(1, 10 + i));
                }
                assertEquals(0, chain.failures(), "the open session kept its server");
                assertFalse(gone.isDone(), "the blocks stay while a session is open");
                assertEquals(2, leaving.blockHost().hosted().size());
            }
            TestHosts.await(
                    "the blocks unhosted after the last session",
                    Duration.ofSeconds(20),
                    () -> leaving.blockHost().hosted().isEmpty());
            assertTrue(leaving.server().sessions().isEmpty());
        } finally {
            timer.shutdownNow();
        }
    }
}

package org.hypertensor.inference.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.net.internal.client.ClientNetwork;
import org.hypertensor.inference.net.internal.client.ClientSettings;
import org.hypertensor.inference.net.internal.client.DistributedGenerator;
import org.hypertensor.inference.net.internal.client.Span;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server in its own JVM process, routed through because it announces the best throughput, killed with
 * SIGKILL (or frozen with SIGSTOP) in the middle of a generation: the client re-routes to the spare, replays,
 * and the text equals the uninterrupted one.
 */
class ProcessFailoverTest {

    @TempDir
    Path dir;

    TestNetwork net;
    Process victim;
    ClientNetwork client;

    @BeforeEach
    void start() throws Exception {
        net = new TestNetwork(dir, ModelSize.TINY);
        TestNetwork.Node boot = net.node();
        net.server(new BlockRange(0, 1));
        net.server(new BlockRange(1, 2)); // the spare: announced at 100 steps/s
        victim = ServerProcess.start(dir, boot.host().listenAddresses().get(0), "1:2", 100_000);
        client = net.client(
                net.node(), (s, p) -> true, ClientSettings.defaults().withStepTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() throws Exception {
        victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        net.close();
    }

    String expected() throws Exception {
        ClientNetwork other = net.client(net.node(), (s, p) -> true, ClientSettings.defaults());
        return net.generator(other)
                .generate("kill -9", 24, SamplingOptions.GREEDY, p -> true)
                .text();
    }

    void assertRoutedThroughTheProcess() throws Exception {
        List<Span> route = client.route(TestNetwork.SUBNET, net.model().manifest(), 64, true);
        assertEquals(100_000, route.get(route.size() - 1).server().throughput(), route.toString());
    }

    @Test
    void killedWithSigkillMidGeneration() throws Exception {
        String expected = expected();
        assertRoutedThroughTheProcess();
        AtomicInteger pieces = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong();
        AtomicLong nextTokenAfterKill = new AtomicLong();
        DistributedGenerator.Result r = net.generator(client).generate("kill -9", 24, SamplingOptions.GREEDY, p -> {
            int n = pieces.incrementAndGet();
            if (n == 6) {
                victim.destroyForcibly(); // SIGKILL
                waitFor(victim);
                killedAt.set(System.nanoTime());
            } else if (n == 7) {
                nextTokenAfterKill.set(System.nanoTime());
            }
            return true;
        });
        assertEquals(expected, r.text());
        assertEquals(24, r.tokens().length, "no token lost or repeated");
        assertEquals(1, r.failures());
        double seconds = (nextTokenAfterKill.get() - killedAt.get()) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "ProcessFailoverTest: next token %.3f s after SIGKILL%n", seconds);
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    @Test
    void frozenWithSigstopMidGeneration() throws Exception {
        String expected = expected();
        assertRoutedThroughTheProcess();
        AtomicInteger pieces = new AtomicInteger();
        DistributedGenerator.Result r = net.generator(client).generate("kill -9", 24, SamplingOptions.GREEDY, p -> {
            if (pieces.incrementAndGet() == 4) {
                signal("STOP", victim.pid());
            }
            return true;
        });
        assertEquals(expected, r.text());
        assertEquals(1, r.failures(), "the frozen server timed out once");
    }

    static void waitFor(Process p) {
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void signal(String signal, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

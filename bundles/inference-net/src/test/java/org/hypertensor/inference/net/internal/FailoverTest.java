package org.hypertensor.inference.net.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertensor.inference.api.generate.GenerationException;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.net.internal.client.ClientNetwork;
import org.hypertensor.inference.net.internal.client.ClientSettings;
import org.hypertensor.inference.net.internal.client.DistributedGenerator;
import org.hypertensor.inference.net.internal.client.Span;
import org.hypertensor.inference.net.internal.server.ServerSession;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers failing in the middle of a generation: the client bans the server, routes a replacement for its
 * span, replays the span's inputs, and the text equals the uninterrupted one; with no server left for a
 * span it stops with a clear error.
 */
class FailoverTest {

    static final String PROMPT = "Fail over";
    static final int TOKENS = 20;

    @TempDir
    Path dir;

    TestNetwork net;
    TestNetwork.Server first;
    TestNetwork.Server second;
    TestNetwork.Server spare;
    ClientNetwork client;

    @BeforeEach
    void start() throws Exception {
        net = new TestNetwork(dir, ModelSize.TINY);
        first = net.server(new BlockRange(0, 1));
        second = net.server(new BlockRange(1, 2));
        spare = net.server(new BlockRange(1, 2));
        client = net.client(
                net.node(), (s, p) -> true, ClientSettings.defaults().withStepTimeout(Duration.ofSeconds(3)));
    }

    @AfterEach
    void stop() {
        net.close();
    }

    /** The server the client's route uses for block 1 now. */
    TestNetwork.Server routedForSecondSpan() throws Exception {
        List<Span> route = client.route(TestNetwork.SUBNET, net.model().manifest(), 64, false);
        Span last = route.get(route.size() - 1);
        return last.server().peer().equals(second.node().peer()) ? second : spare;
    }

    String uninterrupted() throws Exception {
        ClientNetwork other = net.client(net.node(), (s, p) -> true, ClientSettings.defaults());
        return net.generator(other)
                .generate(PROMPT, TOKENS, SamplingOptions.GREEDY, p -> true)
                .text();
    }

    @Test
    void serverConnectionLostMidGeneration() throws Exception {
        String expected = uninterrupted();
        TestNetwork.Server victim = routedForSecondSpan();
        AtomicInteger pieces = new AtomicInteger();
        DistributedGenerator.Result r = net.generator(client).generate(PROMPT, TOKENS, SamplingOptions.GREEDY, p -> {
            if (pieces.incrementAndGet() == 5) {
                victim.node().host().close(); // every connection of the server drops
            }
            return true;
        });
        assertEquals(expected, r.text());
        assertEquals(TOKENS, r.tokens().length);
        assertEquals(1, r.failures());
        assertTrue(client.bans().banned(victim.node().peer()));
    }

    @Test
    void serverClosesTheSession() throws Exception {
        String expected = uninterrupted();
        TestNetwork.Server victim = routedForSecondSpan();
        AtomicInteger pieces = new AtomicInteger();
        DistributedGenerator.Result r = net.generator(client).generate(PROMPT, TOKENS, SamplingOptions.GREEDY, p -> {
            if (pieces.incrementAndGet() == 3) {
                victim.server().sessions().forEach(ServerSession::close);
            }
            return true;
        });
        assertEquals(expected, r.text());
        assertEquals(1, r.failures());
    }

    @Test
    void allServersOfASpanGoneIsAClearError() {
        second.node().host().close();
        spare.node().host().close();
        GenerationException e = assertThrows(
                GenerationException.class,
                () -> net.generator(client).generate(PROMPT, TOKENS, SamplingOptions.GREEDY, p -> true));
        assertEquals(GenerationException.Kind.UNAVAILABLE, e.kind());
        assertTrue(
                e.getMessage().contains("no usable server hosts block 1")
                        || e.getMessage().startsWith("gave up after"),
                e.getMessage());
    }

    @Test
    void bothServersOfASpanFailOneAfterTheOther() {
        AtomicInteger pieces = new AtomicInteger();
        GenerationException e = assertThrows(
                GenerationException.class,
                () -> net.generator(client).generate(PROMPT, TOKENS, SamplingOptions.GREEDY, p -> {
                    if (pieces.incrementAndGet() == 4) {
                        second.node().host().close();
                        spare.node().host().close();
                    }
                    return true;
                }));
        assertEquals(GenerationException.Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().contains("block 1"), e.getMessage());
    }

    @Test
    void sameTokensAsGreedyReference() throws Exception {
        String expected = uninterrupted();
        int[] a = net.generator(client)
                .generate(PROMPT, TOKENS, SamplingOptions.GREEDY, p -> true)
                .tokens();
        assertEquals(expected, net.model().tokenizer().decode(a));
        assertArrayEquals(
                a,
                net.generator(client)
                        .generate(PROMPT, TOKENS, SamplingOptions.GREEDY, p -> true)
                        .tokens());
    }
}

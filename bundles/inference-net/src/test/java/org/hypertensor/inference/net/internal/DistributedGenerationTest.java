package org.hypertensor.inference.net.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hypertensor.engine.java.internal.JavaEngine;
import org.hypertensor.inference.api.HostedBlocks;
import org.hypertensor.inference.api.generate.ModelEnds;
import org.hypertensor.inference.api.generate.SamplingOptions;
import org.hypertensor.inference.internal.engines.EngineRegistry;
import org.hypertensor.inference.internal.generate.LocalGenerator;
import org.hypertensor.inference.internal.host.BlockHostImpl;
import org.hypertensor.inference.net.internal.client.ChainSession;
import org.hypertensor.inference.net.internal.client.ClientNetwork;
import org.hypertensor.inference.net.internal.client.ClientSettings;
import org.hypertensor.inference.net.internal.client.DistributedGenerator;
import org.hypertensor.inference.net.internal.client.Span;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.InferenceSession;
import org.hypertensor.plugin.api.engine.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three servers on loopback split the small model's 4 blocks; a client generates through them. */
class DistributedGenerationTest {

    @TempDir
    static Path dir;

    static TestNetwork net;
    static List<TestNetwork.Server> servers = new ArrayList<>();
    static ClientNetwork client;
    static HostedBlocks local;
    static List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        net = new TestNetwork(dir, ModelSize.SMALL);
        servers.add(net.server(new BlockRange(0, 1)));
        servers.add(net.server(new BlockRange(1, 3)));
        servers.add(net.server(new BlockRange(3, 4)));
        client = net.client(net.node(), (subnet, peer) -> true, ClientSettings.defaults());
        EngineRegistry registry = new EngineRegistry();
        JavaEngine engine = new JavaEngine(1, 256L << 20);
        closeables.add(engine);
        registry.addEngine(engine, TestNetwork.props("java", 10));
        local = new BlockHostImpl(registry)
                .host(net.model().manifest(), new BlockRange(0, 4), net.model().weights());
    }

    @AfterAll
    static void stop() throws Exception {
        local.close();
        net.close();
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    @Test
    void routeChainsTheThreeServers() throws Exception {
        List<Span> route = client.route(TestNetwork.SUBNET, net.model().manifest(), 64, true);
        assertEquals(3, route.size(), route.toString());
        assertEquals(new BlockRange(0, 1), route.get(0).blocks());
        assertEquals(new BlockRange(1, 3), route.get(1).blocks());
        assertEquals(new BlockRange(3, 4), route.get(2).blocks());
        for (int i = 0; i < 3; i++) {
            assertEquals(servers.get(i).node().peer(), route.get(i).server().peer());
        }
    }

    @Test
    void greedyCompletionEqualsLocalGeneration() {
        String prompt = "Hello distributed world";
        LocalGenerator.Result expected = new LocalGenerator(
                        net.ends(), local, net.model().tokenizer())
                .generate(prompt, 24, SamplingOptions.GREEDY, p -> true);
        StringBuilder streamed = new StringBuilder();
        DistributedGenerator.Result got = net.generator(client).generate(prompt, 24, SamplingOptions.GREEDY, p -> {
            streamed.append(p);
            return true;
        });
        assertArrayEquals(expected.tokens(), got.tokens());
        assertEquals(expected.text(), got.text());
        assertEquals(got.text(), streamed.toString());
        assertEquals(0, got.failures());
    }

    @Test
    void sampledCompletionWithSeedEqualsLocal() {
        SamplingOptions options = new SamplingOptions(0.8, 40, 0.9, 1234);
        LocalGenerator.Result expected = new LocalGenerator(
                        net.ends(), local, net.model().tokenizer())
                .generate("seeded", 16, options, p -> true);
        DistributedGenerator.Result got = net.generator(client).generate("seeded", 16, options, p -> true);
        assertArrayEquals(expected.tokens(), got.tokens());
    }

    @Test
    void hiddenStatesAgreeWithLocalBlocksEveryStep() throws Exception {
        ModelEnds ends = net.ends();
        int[] tokens = {256, 72, 101, 108, 108, 111, 32, 119, 111, 114};
        try (ChainSession chain = client.open(TestNetwork.SUBNET, net.model().manifest(), 32);
                InferenceSession session = local.openSession(1, 32)) {
            Tensor prefill = ends.embed(java.util.Arrays.copyOf(tokens, 4));
            assertClose(local.forward(prefill, session), chain.step(prefill));
            for (int i = 4; i < tokens.length; i++) {
                Tensor x = ends.embed(new int[] {tokens[i]});
                assertClose(local.forward(x, session), chain.step(x));
            }
        }
    }

    @Test
    void longPrefillGoesInManyChunks() throws Exception {
        // 400 positions x 256 floats = 400 KiB: more than one chunk and more than a yamux window
        int[] tokens = new int[400];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = 32 + i % 90;
        }
        Tensor prompt = net.ends().embed(tokens);
        try (ChainSession chain = client.open(TestNetwork.SUBNET, net.model().manifest(), 410);
                InferenceSession session = local.openSession(1, 410)) {
            assertClose(local.forward(prompt, session), chain.step(prompt));
            Tensor x = net.ends().embed(new int[] {65});
            assertClose(local.forward(x, session), chain.step(x));
        }
    }

    static void assertClose(Tensor expected, Tensor got) {
        assertArrayEquals(expected.shape(), got.shape());
        float diff = expected.maxAbsDifference(got);
        assertTrue(diff <= 1e-4, "max abs difference " + diff);
    }
}

package org.hypertensor.inference.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hypertensor.inference.net.internal.server.ForwardHandler;
import org.hypertensor.inference.net.internal.server.InferenceHandler;
import org.hypertensor.inference.net.internal.server.ServerSettings;
import org.hypertensor.inference.net.internal.wire.ErrorCode;
import org.hypertensor.inference.net.internal.wire.Frame;
import org.hypertensor.inference.net.internal.wire.FrameStream;
import org.hypertensor.inference.net.internal.wire.ProtocolException;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every limit and bad request is refused with one error frame naming the problem, before any compute,
 * while a session opened before keeps stepping correctly.
 */
class ServerLimitsTest {

    static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static TestNetwork net;
    static TestNetwork.Server server;
    static TestNetwork.Node client;
    static TestNetwork.Node unstaked;
    static String model;

    @BeforeAll
    static void start() throws Exception {
        net = new TestNetwork(dir, ModelSize.TINY);
        unstaked = net.node();
        // tiny model: 256 bytes of cache per position and block; budget 40,000 bytes on 2 blocks = 78 positions
        ServerSettings settings =
                ServerSettings.defaults().withCacheBytes(40_000).withSessionsPerPeer(2);
        server = net.server(new BlockRange(0, 2), settings, p -> !p.equals(unstaked.peer()));
        client = net.node();
        client.host().connect(server.node().host().listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        unstaked.host().connect(server.node().host().listenAddresses().get(0)).get(10, TimeUnit.SECONDS);
        model = net.model().manifest().id();
    }

    @AfterAll
    static void stop() {
        net.close();
    }

    static FrameStream stream(TestNetwork.Node from, String protocol) throws Exception {
        P2pStream s =
                from.host().openStream(server.node().peer(), List.of(protocol)).get(10, TimeUnit.SECONDS);
        return new FrameStream(s);
    }

    static FrameStream open(int maxLength) throws Exception {
        FrameStream s = stream(client, InferenceHandler.PROTOCOL);
        s.write(new Frame.Open(model, 0, 2, maxLength, 1));
        Frame f = s.read(T);
        assertInstanceOf(Frame.Opened.class, f, String.valueOf(f));
        return s;
    }

    static Frame.Error error(FrameStream s) throws Exception {
        Frame f = s.read(T);
        return assertInstanceOf(Frame.Error.class, f, String.valueOf(f));
    }

    static void assertError(ErrorCode code, String fragment, Frame.Error e) {
        assertEquals(code.name(), e.code(), e.message());
        assertTrue(e.message().contains(fragment), e.message());
    }

    static Tensor hidden(int tokens, long seed) {
        Random r = new Random(seed);
        float[] v = new float[tokens * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.wrap(v, 1, tokens, 64);
    }

    /** A session opened before the bad requests: it must keep working throughout. */
    static void stepGood(FrameStream s, int position, long seed) throws Exception {
        s.writeTensor(new Frame.Step(position, new int[] {1, 1, 64}), hidden(1, seed));
        Frame f = s.read(T);
        Frame.Result r = assertInstanceOf(Frame.Result.class, f, String.valueOf(f));
        assertEquals(position, r.position());
        assertEquals(64, s.readTensor(r.dims(), T).dim(2));
    }

    @Test
    void everyBadRequestIsRefusedAndOtherSessionsContinue() throws Exception {
        FrameStream good = open(16);
        int pos = 0;
        stepGood(good, pos++, 1);

        // cache full: 64 positions need 32,768 bytes, 4,096 are reserved by the good session
        FrameStream s = stream(client, InferenceHandler.PROTOCOL);
        s.write(new Frame.Open(model, 0, 2, 64, 1));
        assertError(
                ErrorCode.CACHE_FULL, "cache full: the session needs 32.0 KiB, 31.1 KiB free of 39.1 KiB", error(s));

        // quota: the peer has its 2 sessions
        FrameStream second = open(8);
        s = stream(client, InferenceHandler.PROTOCOL);
        s.write(new Frame.Open(model, 0, 2, 8, 1));
        assertError(ErrorCode.QUOTA, "quota 2", error(s));
        second.write(new Frame.Close());
        TestHostsAwait.until(
                "the closed session released", () -> server.server().sessions().size() == 1);
        stepGood(good, pos++, 2);

        // unknown session: a step before open
        s = stream(client, InferenceHandler.PROTOCOL);
        s.writeTensor(new Frame.Step(0, new int[] {1, 1, 64}), hidden(1, 3));
        assertError(ErrorCode.UNKNOWN_SESSION, "unknown session", error(s));

        // blocks not hosted, wrong model
        s = stream(client, InferenceHandler.PROTOCOL);
        s.write(new Frame.Open(model, 1, 3, 8, 1));
        assertError(ErrorCode.RANGE, "not within the hosted 0:2", error(s));
        s = stream(client, InferenceHandler.PROTOCOL);
        s.write(new Frame.Open("feed", 0, 2, 8, 1));
        assertError(ErrorCode.RANGE, "not feed", error(s));

        // misshaped, oversized, wrong position, past max length: each in its own session
        assertError(ErrorCode.SHAPE, "got [1, 1, 63]", step(new int[] {1, 1, 63}, 0));
        assertError(ErrorCode.SHAPE, "got [2, 1, 64]", step(new int[] {2, 1, 64}, 0));
        assertError(ErrorCode.SHAPE, "got [1, 1]", step(new int[] {1, 1}, 0));
        assertError(ErrorCode.SHAPE, "over this server's limit of 4096", step(new int[] {1, 5000, 64}, 0));
        assertError(ErrorCode.POSITION, "starts at position 3 but the session is at 0", step(new int[] {1, 1, 64}, 3));
        assertError(ErrorCode.RANGE, "past the session's max length 8", step(new int[] {1, 9, 64}, 0));

        // chunks that do not match the header
        s = open(8);
        s.write(new Frame.Step(0, new int[] {1, 2, 64}));
        s.write(new Frame.Chunk(new byte[100], true));
        assertError(ErrorCode.SHAPE, "needs 512", error(s));

        // no proof of stake
        s = stream(unstaked, InferenceHandler.PROTOCOL);
        s.write(new Frame.Open(model, 0, 2, 8, 1));
        assertError(ErrorCode.NOT_STAKED, "no proof of stake", error(s));

        stepGood(good, pos++, 4);
        assertEquals(1, server.server().sessions().size());
        good.write(new Frame.Close());
        TestHostsAwait.until("all sessions released", () -> server.server().reservedBytes() == 0);
    }

    static Frame.Error step(int[] dims, int position) throws Exception {
        FrameStream s = open(8);
        s.write(new Frame.Step(position, dims));
        return error(s);
    }

    @Test
    void malformedFramesAreRefusedAndTheServerKeepsServing() throws Exception {
        FrameStream good = open(32);
        Random random = new Random(42);
        byte[] valid = new Frame.Open(model, 0, 2, 8, 1).encode();
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            byte[] junk;
            if (i % 2 == 0) {
                junk = new byte[1 + random.nextInt(40)];
                random.nextBytes(junk);
            } else {
                junk = valid.clone();
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    junk[random.nextInt(junk.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            FrameStream s = stream(client, InferenceHandler.PROTOCOL);
            s.stream().writeMessage(junk).get(5, TimeUnit.SECONDS);
            try {
                Frame f = s.read(T);
                if (f instanceof Frame.Error e) {
                    assertTrue(ErrorCode.of(e.code()) != null && !e.message().isBlank(), e.toString());
                    refused++;
                } else {
                    // a mutation that still decodes to a valid open: close it again
                    assertInstanceOf(Frame.Opened.class, f);
                    s.write(new Frame.Close());
                    TestHostsAwait.until(
                            "the session closed",
                            () -> server.server().sessions().size() == 1);
                }
            } catch (IOException | ProtocolException e) {
                refused++; // the stream was reset
            }
            if (i % 10 == 0) {
                stepGood(good, i / 10, i);
            }
        }
        assertTrue(refused > 40, "refused " + refused);
        // forward still answers too
        FrameStream f = stream(client, ForwardHandler.PROTOCOL);
        f.writeTensor(new Frame.Forward(model, 0, 2, new int[] {1, 3, 64}), hidden(3, 9));
        Frame.Result r = assertInstanceOf(Frame.Result.class, f.read(T));
        assertEquals(3, f.readTensor(r.dims(), T).dim(1));
        f = stream(client, ForwardHandler.PROTOCOL);
        f.writeTensor(new Frame.Forward(model, 0, 3, new int[] {1, 3, 64}), hidden(3, 9));
        assertError(ErrorCode.RANGE, "not within the hosted 0:2", error(f));
        good.write(new Frame.Close());
        TestHostsAwait.until("all sessions released", () -> server.server().reservedBytes() == 0);
    }
}

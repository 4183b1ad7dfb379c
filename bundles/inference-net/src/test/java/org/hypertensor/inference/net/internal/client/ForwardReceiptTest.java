package org.hypertensor.inference.net.internal.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.hypertensor.inference.net.api.ForwardRefusedException;
import org.hypertensor.inference.net.api.SignedForward;
import org.hypertensor.inference.net.internal.TestNetwork;
import org.hypertensor.inference.net.internal.server.ForwardHandler;
import org.hypertensor.inference.net.internal.wire.Frame;
import org.hypertensor.inference.net.internal.wire.FrameStream;
import org.hypertensor.model.internal.generate.ModelSize;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forward receipts on loopback: an honest server's answer is signed over (request, output, epoch); a forged,
 * replayed or foreign receipt is refused by the caller, whether it comes over the wire or is checked later.
 */
class ForwardReceiptTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    static TestNetwork net;
    static TestNetwork.Server server;
    static TestNetwork.Node client;
    static String model;

    @BeforeAll
    static void start() throws Exception {
        net = new TestNetwork(dir, ModelSize.SMALL);
        server = net.server(new BlockRange(1, 3));
        client = net.node();
        client.host()
                .connect(server.node().host().listenAddresses().get(0))
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        model = net.model().manifest().id();
    }

    @AfterAll
    static void stop() {
        net.close();
    }

    static Tensor hidden(float seed) {
        int size = net.model().manifest().config().hiddenSize();
        float[] v = new float[3 * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(seed + i * 0.37);
        }
        return Tensor.wrap(v, 1, 3, size);
    }

    SignedForward call(PeerId peer, long epoch, Tensor input) throws ForwardRefusedException {
        return new ForwardCaller(client.host()).forward(peer, model, new BlockRange(1, 3), epoch, input, TIMEOUT);
    }

    @Test
    void anHonestAnswerIsSignedByTheServer() throws Exception {
        Tensor input = hidden(1);
        SignedForward a = call(server.node().peer(), 7, input);
        assertTrue(a.signatureValid());
        assertEquals(7, a.epoch());
        assertEquals(0f, a.output().maxAbsDifference(server.server().forward(new BlockRange(1, 3), input)));
        // a third party holding only the record can check it; any changed part breaks it
        SignedForward otherEpoch = new SignedForward(
                a.server(), model, a.blocks(), 8, a.requestHash(), a.outputHash(), a.signature(), a.output());
        assertEquals(false, otherEpoch.signatureValid());
        SignedForward otherSigner = new SignedForward(
                client.peer(), model, a.blocks(), 7, a.requestHash(), a.outputHash(), a.signature(), a.output());
        assertEquals(false, otherSigner.signatureValid());
    }

    @Test
    void receiptsForAnotherEpochRequestOrOutputAreRefused() throws Exception {
        Tensor input = hidden(2);
        SignedForward a = call(server.node().peer(), 7, input);
        Frame.Receipt receipt = new Frame.Receipt(a.requestHash(), a.outputHash(), 7, a.signature());
        PeerId peer = server.node().peer();
        BlockRange blocks = new BlockRange(1, 3);
        // the genuine receipt passes
        assertArrayEquals(
                a.signature(),
                ForwardCaller.checked(peer, model, blocks, 7, input, a.output(), receipt)
                        .signature());
        assertRefused(
                "another request",
                () -> ForwardCaller.checked(
                        peer,
                        model,
                        blocks,
                        8,
                        input,
                        a.output(),
                        new Frame.Receipt(a.requestHash(), a.outputHash(), 8, a.signature())));
        assertRefused(
                "epoch 7, not 8", () -> ForwardCaller.checked(peer, model, blocks, 8, input, a.output(), receipt));
        assertRefused(
                "another request", () -> ForwardCaller.checked(peer, model, blocks, 7, hidden(3), a.output(), receipt));
        assertRefused("another output", () -> ForwardCaller.checked(peer, model, blocks, 7, input, hidden(4), receipt));
        byte[] forged = a.signature();
        forged[5] ^= 1;
        assertRefused(
                "signature",
                () -> ForwardCaller.checked(
                        peer,
                        model,
                        blocks,
                        7,
                        input,
                        a.output(),
                        new Frame.Receipt(a.requestHash(), a.outputHash(), 7, forged)));
    }

    @Test
    void aServerReplayingAnOldReceiptIsRefusedOverTheWire() throws Exception {
        Tensor input = hidden(5);
        SignedForward old = call(server.node().peer(), 3, input);
        // a node that answers every forward with the old (genuine, signed) output and receipt
        TestNetwork.Node replayer = net.node();
        AtomicReference<String> seen = new AtomicReference<>();
        replayer.host()
                .registerHandler(
                        ForwardHandler.PROTOCOL,
                        stream -> {
                            FrameStream io = new FrameStream(stream);
                            try {
                                Frame.Forward f = (Frame.Forward) io.read(TIMEOUT);
                                io.readTensor(f.dims(), TIMEOUT);
                                seen.set(f.toString());
                                io.writeTensor(new Frame.Result(0, old.output().shape()), old.output());
                                io.write(new Frame.Receipt(old.requestHash(), old.outputHash(), 3, old.signature()));
                                stream.closeWrite();
                            } catch (Exception e) {
                                stream.reset();
                            }
                        },
                        4);
        client.host().connect(replayer.host().listenAddresses().get(0)).get(20, java.util.concurrent.TimeUnit.SECONDS);
        ForwardRefusedException e = assertThrows(ForwardRefusedException.class, () -> call(replayer.peer(), 4, input));
        assertEquals(ForwardRefusedException.BAD_RECEIPT, e.reason(), e.getMessage());
        assertTrue(seen.get().contains("epoch=4"), seen.get());
        // the same request of epoch 3 from the replayer: hashes match, but the signature is another peer's
        ForwardRefusedException e3 = assertThrows(ForwardRefusedException.class, () -> call(replayer.peer(), 3, input));
        assertTrue(e3.getMessage().contains("signature"), e3.getMessage());
    }

    @Test
    void aRangeTheServerDoesNotHostIsRefusedWithItsCode() {
        ForwardRefusedException e = assertThrows(
                ForwardRefusedException.class,
                () -> new ForwardCaller(client.host())
                        .forward(server.node().peer(), model, new BlockRange(0, 2), 1, hidden(1), TIMEOUT));
        assertEquals("RANGE", e.reason());
    }

    interface Call {
        void run() throws Exception;
    }

    static void assertRefused(String why, Call call) {
        ForwardRefusedException e = assertThrows(ForwardRefusedException.class, call::run);
        assertEquals(ForwardRefusedException.BAD_RECEIPT, e.reason());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}

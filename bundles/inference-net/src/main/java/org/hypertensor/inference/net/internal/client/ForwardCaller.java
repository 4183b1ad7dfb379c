package org.hypertensor.inference.net.internal.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hypertensor.inference.net.api.ForwardClient;
import org.hypertensor.inference.net.api.ForwardDigests;
import org.hypertensor.inference.net.api.ForwardRefusedException;
import org.hypertensor.inference.net.api.SignedForward;
import org.hypertensor.inference.net.internal.server.ForwardHandler;
import org.hypertensor.inference.net.internal.wire.Frame;
import org.hypertensor.inference.net.internal.wire.FrameStream;
import org.hypertensor.inference.net.internal.wire.ProtocolException;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * {@link ForwardClient} over the node's p2p host: sends the forward, reads the result and the receipt, and
 * accepts the receipt only if it signs the hashes this side computes (of what it sent, of what it received)
 * and the epoch it asked for — so a forged, replayed or foreign receipt is refused.
 */
public final class ForwardCaller implements ForwardClient {

    private final P2pNetwork p2p;

    public ForwardCaller(P2pNetwork p2p) {
        this.p2p = p2p;
    }

    @Override
    public SignedForward forward(
            PeerId server, String model, BlockRange blocks, long epoch, Tensor hidden, Duration timeout)
            throws ForwardRefusedException {
        P2pStream stream = open(server, timeout);
        FrameStream io = new FrameStream(stream);
        try {
            io.writeTensor(new Frame.Forward(model, blocks.start(), blocks.end(), hidden.shape(), epoch), hidden);
            Frame f = io.read(timeout);
            if (f instanceof Frame.Error e) {
                throw new ForwardRefusedException(e.code(), e.code() + ": " + e.message());
            }
            if (!(f instanceof Frame.Result r)) {
                throw new ForwardRefusedException(
                        ForwardRefusedException.NO_ANSWER, "answered a forward with " + FrameStream.name(f));
            }
            if (!Arrays.equals(r.dims(), hidden.shape())) {
                throw new ForwardRefusedException(
                        "SHAPE", "result shape " + Arrays.toString(r.dims()) + " is not the input's");
            }
            Tensor output = io.readTensor(r.dims(), timeout);
            Frame next = io.read(timeout);
            if (!(next instanceof Frame.Receipt receipt)) {
                throw new ForwardRefusedException(
                        ForwardRefusedException.BAD_RECEIPT,
                        "no receipt after the result, got " + FrameStream.name(next));
            }
            SignedForward answer = checked(server, model, blocks, epoch, hidden, output, receipt);
            stream.closeWrite();
            return answer;
        } catch (IOException | ProtocolException e) {
            stream.reset();
            throw new ForwardRefusedException(ForwardRefusedException.NO_ANSWER, String.valueOf(e.getMessage()));
        } catch (ForwardRefusedException e) {
            stream.reset();
            throw e;
        }
    }

    /** The answer, if the receipt signs exactly this request, this output and this epoch. */
    static SignedForward checked(
            PeerId server,
            String model,
            BlockRange blocks,
            long epoch,
            Tensor hidden,
            Tensor output,
            Frame.Receipt receipt)
            throws ForwardRefusedException {
        byte[] request = ForwardDigests.requestHash(model, blocks, epoch, hidden);
        byte[] outputHash = ForwardDigests.outputHash(output);
        if (receipt.epoch() != epoch) {
            throw bad("the receipt is for epoch " + receipt.epoch() + ", not " + epoch + " (replayed)");
        }
        if (!Arrays.equals(receipt.requestHash(), request)) {
            throw bad("the receipt is for another request");
        }
        if (!Arrays.equals(receipt.outputHash(), outputHash)) {
            throw bad("the receipt signs another output");
        }
        SignedForward answer =
                new SignedForward(server, model, blocks, epoch, request, outputHash, receipt.signature(), output);
        if (!answer.signatureValid()) {
            throw bad("the receipt's signature is not " + server.shortString() + "'s");
        }
        return answer;
    }

    private static ForwardRefusedException bad(String message) {
        return new ForwardRefusedException(ForwardRefusedException.BAD_RECEIPT, message);
    }

    private P2pStream open(PeerId server, Duration timeout) throws ForwardRefusedException {
        try {
            return p2p.openStream(server, List.of(ForwardHandler.PROTOCOL))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ForwardRefusedException(ForwardRefusedException.NO_ANSWER, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new ForwardRefusedException(
                    ForwardRefusedException.NO_ANSWER,
                    "cannot reach " + server.shortString() + ": "
                            + (c instanceof TimeoutException ? "timed out" : c.getMessage()));
        }
    }
}

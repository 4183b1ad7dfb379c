package org.hypertensor.inference.net.internal.server;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.inference.net.api.ForwardDigests;
import org.hypertensor.inference.net.internal.wire.ErrorCode;
import org.hypertensor.inference.net.internal.wire.Frame;
import org.hypertensor.inference.net.internal.wire.FrameStream;
import org.hypertensor.inference.net.internal.wire.ProtocolException;
import org.hypertensor.p2p.api.P2pStream;
import org.hypertensor.p2p.api.ProtocolHandler;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@value #PROTOCOL}: one forward request (header + chunks), then one result (header + chunks) followed by this
 * server's receipt (its node key's signature over request hash, output hash and the request's epoch, see
 * {@link ForwardDigests}), or an error.
 */
public final class ForwardHandler implements ProtocolHandler {

    public static final String PROTOCOL = "/hypertensor/forward/1.0.0";
    private static final Logger LOG = LoggerFactory.getLogger(ForwardHandler.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Supplier<BlockServer> server;
    private final Signer identity;

    /** @param identity the node's p2p key, whose peer id clients address: it signs the receipts */
    public ForwardHandler(Supplier<BlockServer> server, Signer identity) {
        this.server = server;
        this.identity = identity;
    }

    @Override
    public void handle(P2pStream stream) {
        FrameStream io = new FrameStream(stream);
        try {
            BlockServer s = server.get();
            if (s == null) {
                throw new ProtocolException(ErrorCode.UNAVAILABLE, "this node hosts no blocks");
            }
            Frame first = io.read(TIMEOUT);
            if (!(first instanceof Frame.Forward f)) {
                throw new ProtocolException(ErrorCode.MALFORMED, "expected forward, got " + FrameStream.name(first));
            }
            BlockRange sub = s.checkForward(stream.remotePeer(), f);
            Tensor hidden = io.readTensor(f.dims(), TIMEOUT);
            Tensor out = s.forward(sub, hidden);
            byte[] request = ForwardDigests.requestHash(f.model(), sub, f.epoch(), hidden);
            byte[] output = ForwardDigests.outputHash(out);
            byte[] signature = identity.sign(ForwardDigests.receiptMessage(request, output, f.epoch()));
            io.writeTensor(new Frame.Result(0, out.shape()), out);
            io.write(new Frame.Receipt(request, output, f.epoch(), signature));
            stream.closeWrite();
        } catch (ProtocolException e) {
            LOG.debug("Forward of {} refused: {}", stream.remotePeer().shortString(), e.toString());
            io.fail(e);
        } catch (IOException e) {
            LOG.debug("Forward of {} failed: {}", stream.remotePeer().shortString(), e.getMessage());
            stream.reset();
        }
    }
}

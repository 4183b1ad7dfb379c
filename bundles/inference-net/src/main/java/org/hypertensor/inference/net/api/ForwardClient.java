package org.hypertensor.inference.net.api;

import java.time.Duration;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.Tensor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One stateless forward through a given server's blocks on {@code /hypertensor/forward/1.0.0}, its answer
 * checked: the receipt must be the server's signature over this request's hash, the received output's hash and
 * {@code epoch}. An OSGi service of the {@code inference-net} bundle.
 */
@ProviderType
public interface ForwardClient {

    /**
     * @param hidden hidden states {@code [batch, tokens, hidden size]}
     * @throws ForwardRefusedException when no valid signed answer came back (with the reason)
     */
    SignedForward forward(PeerId server, String model, BlockRange blocks, long epoch, Tensor hidden, Duration timeout)
            throws ForwardRefusedException;
}

package org.hypertensor.inference.net.internal.osgi;

import java.time.Duration;
import org.hypertensor.inference.net.api.ForwardClient;
import org.hypertensor.inference.net.api.ForwardRefusedException;
import org.hypertensor.inference.net.api.SignedForward;
import org.hypertensor.inference.net.internal.client.ForwardCaller;
import org.hypertensor.p2p.api.P2pNetwork;
import org.hypertensor.p2p.api.PeerId;
import org.hypertensor.plugin.api.engine.BlockRange;
import org.hypertensor.plugin.api.engine.Tensor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link ForwardClient} service on the node's p2p host. */
@Component(service = ForwardClient.class)
public final class ForwardClientComponent implements ForwardClient {

    private final ForwardCaller caller;

    @Activate
    public ForwardClientComponent(@Reference P2pNetwork p2p) {
        this.caller = new ForwardCaller(p2p);
    }

    @Override
    public SignedForward forward(
            PeerId server, String model, BlockRange blocks, long epoch, Tensor hidden, Duration timeout)
            throws ForwardRefusedException {
        return caller.forward(server, model, blocks, epoch, hidden, timeout);
    }
}

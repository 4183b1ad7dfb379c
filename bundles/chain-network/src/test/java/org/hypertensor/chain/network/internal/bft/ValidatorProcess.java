package org.hypertensor.chain.network.internal.bft;

import java.nio.file.Path;
import org.hypertensor.p2p.api.Multiaddr;
import org.hypertensor.p2p.internal.host.TestHosts;

/**
 * A validator in a process of its own, for {@link KillNineTest}: {@code NAME DIR PEER...} runs that
 * validator of {@link FourValidatorsTest#SPEC} on {@code DIR} (its Derby chain and double-sign guard),
 * connected to the peers, until it is killed. Prints {@code ready} once started.
 */
public final class ValidatorProcess {

    private ValidatorProcess() {}

    public static void main(String[] args) throws Exception {
        TestHosts hosts = new TestHosts();
        BftNode node = new BftNode(args[0], FourValidatorsTest.SPEC, Path.of(args[1]), hosts);
        for (int i = 2; i < args.length; i++) {
            node.host.connect(Multiaddr.parse(args[i])).get(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        node.start();
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

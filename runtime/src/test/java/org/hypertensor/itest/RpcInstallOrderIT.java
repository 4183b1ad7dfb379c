package org.hypertensor.itest;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The p2p_ and dht_ JSON-RPC methods do not depend on install order: here the rpc feature comes after p2p and the
 * DHT are already resolved and running (the devnet installs rpc first), and their methods still appear, because
 * both bundles import the RPC API dynamically.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RpcInstallOrderIT extends RpcContainer {

    @Override
    protected void prepareHome(Path home) throws IOException {
        super.prepareHome(home);
        Files.writeString(home.resolve("etc/org.hypertensor.p2p.cfg"), "listen = /ip4/127.0.0.1/tcp/0\n");
        Files.writeString(home.resolve("etc/org.hypertensor.dht.cfg"), "admission = open\n");
    }

    @Test
    public void rpcInstalledAfterP2pAndDhtServesTheirMethods() throws Exception {
        shell("feature:install p2p");
        shell("feature:install dht");
        await("p2p and the DHT running", () -> {
            try {
                return shell("p2p:id").contains("12D3") && !shell("dht:routing").isBlank();
            } catch (Exception e) {
                return false;
            }
        });
        shell("feature:install rpc");
        await("the p2p_ and dht_ methods over HTTP", () -> {
            try {
                String methods = rpc("rpc_methods", "[]");
                return methods.contains("p2p_id") && methods.contains("dht_routing");
            } catch (Exception e) {
                return false;
            }
        });
        String id = rpc("p2p_id", "[]");
        assertTrue(id, id.contains("12D3"));
    }
}

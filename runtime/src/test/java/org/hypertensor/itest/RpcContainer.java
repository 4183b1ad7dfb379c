package org.hypertensor.itest;

import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container node on the devnet chain with the chain-modules bundles, its RPC on a free loopback port,
 * and a helper that makes real JSON-RPC calls over HTTP.
 */
public abstract class RpcContainer extends NodeContainer {

    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    protected void prepareHome(Path home) throws IOException {
        for (String file : List.of("chain-devnet.json", "org.apache.felix.http.cfg")) {
            Files.copy(DIST.resolve("etc/" + file), home.resolve("etc/" + file));
        }
        Files.writeString(home.resolve("etc/org.hypertensor.ledger.cfg"), "validator.key = //Alice\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(
                home.resolve("etc/org.hypertensor.rpc.cfg"), "bind.address = 127.0.0.1\nport = " + port + "\n");
    }

    /** The test classes use the ledger's API, so its bundles are there when they load. */
    @Override
    protected List<String> systemBundles() {
        return CHAIN_BUNDLES;
    }

    static int port() throws IOException {
        Matcher m = Pattern.compile("port = (\\d+)")
                .matcher(Files.readString(home().resolve("etc/org.hypertensor.rpc.cfg")));
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    /** One JSON-RPC call; the raw answer. */
    String rpc(String method, String params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}

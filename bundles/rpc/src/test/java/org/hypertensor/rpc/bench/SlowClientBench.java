package org.hypertensor.rpc.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.internal.dispatch.MethodRegistry;
import org.hypertensor.rpc.internal.http.RpcSettings;
import org.hypertensor.rpc.internal.http.SlowClients;
import org.hypertensor.rpc.internal.http.TestRpcServer;
import org.hypertensor.rpc.internal.subscribe.HeadFeed;

/**
 * A well-behaved client's answer times while {@code slow} connections trickle 1 MB bodies a byte at a time
 * (the slowloris attack of issue 15), the bodies held pending (no minimum rate, 60 s timeout) so they stay
 * for the whole run. A harness, not a test: see docs/security.md for the command and figures.
 */
public final class SlowClientBench {

    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[1]}";

    private SlowClientBench() {}

    public static void main(String[] args) throws Exception {
        int slowCount = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        MethodRegistry registry = new MethodRegistry();
        registry.add(params -> params.raw(), Map.of(RpcMethod.NAMES, "echo", "service.id", 1L));
        RpcSettings settings =
                new RpcSettings("127.0.0.1", 0, 1 << 20, 100, true, List.of(), 60_000, 0, 64, false, true);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (TestRpcServer server = new TestRpcServer(registry, new HeadFeed(), settings)) {
            HttpRequest request = HttpRequest.newBuilder(server.uri())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CALL))
                    .build();
            for (int i = 0; i < 200; i++) { // warm-up, before the attack
                http.send(request, HttpResponse.BodyHandlers.discarding());
            }
            try (SlowClients slow = new SlowClients(server.port(), slowCount, 1_000_000)) {
                measure(http, request, slow, slowCount, calls);
            }
        }
    }

    private static void measure(HttpClient http, HttpRequest request, SlowClients slow, int slowCount, int calls)
            throws Exception {
        long[] latencies = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            latencies[i] = System.nanoTime() - t;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            if (i % 50 == 0) {
                slow.trickle();
            }
        }
        int open = slow.trickle();
        Arrays.sort(latencies);
        System.out.printf(
                "%d slow bodies pending (%d still open), %d calls: median %.2f ms, p99 %.2f ms, max %.2f ms%n",
                slowCount,
                open,
                calls,
                latencies[calls / 2] / 1e6,
                latencies[(int) (calls * 0.99)] / 1e6,
                latencies[calls - 1] / 1e6);
    }
}

package org.hypertensor.rpc.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.internal.dispatch.MethodRegistry;
import org.hypertensor.rpc.internal.http.RpcSettings;
import org.hypertensor.rpc.internal.http.TestRpcServer;
import org.hypertensor.rpc.internal.subscribe.HeadFeed;

/**
 * Throughput of the JSON-RPC layer alone (no ledger behind it: the method echoes its params): the dispatcher
 * in-process, then HTTP round trips over loopback with keep-alive clients. A harness, not a test (see
 * docs/benchmarks.md for the command).
 */
public final class RpcBench {

    private static final String CALL =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\",\"params\":[\"0x" + "ab".repeat(32) + "\",12345]}";

    private RpcBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        MethodRegistry registry = new MethodRegistry();
        registry.add(params -> params.raw(), Map.of(RpcMethod.NAMES, "echo", "service.id", 1L));

        byte[] body = CALL.getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 1_000_000_000L; // warm-up
        while (System.nanoTime() < deadline) {
            registry.dispatcher().handle(body, registry, 100);
        }
        long calls = 0;
        long start = System.nanoTime();
        deadline = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            registry.dispatcher().handle(body, registry, 100);
            calls++;
        }
        double dispatcherRate = calls / ((System.nanoTime() - start) / 1e9);

        try (TestRpcServer server = new TestRpcServer(
                registry, new HeadFeed(), new RpcSettings("127.0.0.1", 0, 1 << 20, 100, true, List.of()))) {
            URI uri = server.uri();
            run(uri, clients, 1);
            AtomicLong done = new AtomicLong();
            long httpStart = System.nanoTime();
            long[] latencies = run(uri, clients, seconds, done);
            double elapsed = (System.nanoTime() - httpStart) / 1e9;
            java.util.Arrays.sort(latencies);
            System.out.printf("dispatcher: %.0f calls/s (one thread)%n", dispatcherRate);
            System.out.printf(
                    "http: %.0f calls/s with %d keep-alive clients over %.1f s; median %.0f us, p99 %.0f us%n",
                    done.get() / elapsed,
                    clients,
                    elapsed,
                    latencies[latencies.length / 2] / 1e3,
                    latencies[(int) (latencies.length * 0.99)] / 1e3);
        }
    }

    private static void run(URI uri, int clients, int seconds) throws Exception {
        run(uri, clients, seconds, new AtomicLong());
    }

    private static long[] run(URI uri, int clients, int seconds, AtomicLong done) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] samples = new long[clients][];
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int index = c;
            threads[c] = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(CALL))
                        .build();
                long[] mine = new long[1 << 20];
                int n = 0;
                try {
                    while (System.nanoTime() < deadline && n < mine.length) {
                        long t = System.nanoTime();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("HTTP " + response.statusCode());
                        }
                        mine[n++] = System.nanoTime() - t;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                done.addAndGet(n);
                samples[index] = java.util.Arrays.copyOf(mine, n);
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return java.util.Arrays.stream(samples)
                .flatMapToLong(java.util.Arrays::stream)
                .toArray();
    }
}

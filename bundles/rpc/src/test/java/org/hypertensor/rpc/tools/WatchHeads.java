package org.hypertensor.rpc.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Subscribes to new and finalized heads over WebSocket and prints every message until {@code COUNT} have arrived
 * (a manual check of a running node; see docs/rpc.md).
 *
 * <pre>java -cp … org.hypertensor.rpc.tools.WatchHeads ws://127.0.0.1:9933/ COUNT</pre>
 */
public final class WatchHeads {

    private WatchHeads() {}

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args.length > 0 ? args[0] : "ws://127.0.0.1:9933/");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        CountDownLatch left = new CountDownLatch(count);
        StringBuilder partial = new StringBuilder();
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            System.out.println(partial);
                            partial.setLength(0);
                            left.countDown();
                        }
                        ws.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_subscribeNewHeads\"}", true);
        socket.sendText("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"chain_subscribeFinalizedHeads\"}", true);
        boolean done = left.await(60, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        System.exit(done ? 0 : 1);
    }
}

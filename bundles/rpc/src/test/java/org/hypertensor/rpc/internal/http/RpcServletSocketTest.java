package org.hypertensor.rpc.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.internal.dispatch.Dispatcher;
import org.hypertensor.rpc.internal.dispatch.MethodRegistry;
import org.hypertensor.rpc.internal.subscribe.HeadFeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint on a real Jetty 12 (the one Felix HTTP embeds) and a real loopback socket. */
class RpcServletSocketTest {

    private static final String ECHO = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[1,\"a\"],\"id\":1}";

    private final MethodRegistry registry = new MethodRegistry();
    private final HeadFeed feed = new HeadFeed();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestRpcServer server;
    private int port;

    private void start(boolean websocket, int maxRequestBytes, List<String> origins) throws Exception {
        registry.add(params -> params.raw(), Map.of(RpcMethod.NAMES, "echo", "service.id", 1L));
        server = new TestRpcServer(
                registry, feed, new RpcSettings("127.0.0.1", 0, maxRequestBytes, 10, websocket, origins));
        port = server.port();
    }

    private void start() throws Exception {
        start(true, 4096, List.of("http://localhost:3000"));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) throws Exception {
        return Dispatcher.MAPPER.readTree(text);
    }

    private static int errorCode(HttpResponse<String> response) throws Exception {
        return json(response.body()).get("error").get("code").asInt();
    }

    @Test
    void answersCallsOverHttp() throws Exception {
        start();
        HttpResponse<String> response = post(ECHO);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(json("{\"jsonrpc\":\"2.0\",\"result\":[1,\"a\"],\"id\":1}"), json(response.body()));
        assertEquals(RpcError.PARSE_ERROR, errorCode(post("{nope")));
        assertEquals(RpcError.METHOD_NOT_FOUND, errorCode(post("{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"id\":1}")));
        assertEquals(2, json(post("[" + ECHO + "," + ECHO + "]").body()).size());
    }

    @Test
    void aNotificationGetsNoContent() throws Exception {
        start();
        HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"method\":\"echo\"}");
        assertEquals(204, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void anOversizedBodyIsRefusedUnread() throws Exception {
        start();
        String big = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + "x".repeat(5000) + "\"],\"id\":1}";
        HttpResponse<String> response = post(big);
        assertEquals(413, response.statusCode());
        assertEquals(RpcError.REQUEST_TOO_LARGE, errorCode(response));
        assertTrue(json(response.body()).get("error").get("message").asText().contains("limit of 4096 bytes"));
        // without a Content-Length (chunked), the limit holds while reading
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> streamed = http.send(chunked, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, streamed.statusCode());
        assertEquals(RpcError.REQUEST_TOO_LARGE, errorCode(streamed));
    }

    @Test
    void getIsNotAllowed() throws Exception {
        start();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertEquals(RpcError.INVALID_REQUEST, errorCode(response));
    }

    @Test
    void traceIsRefusedAndEchoesNothing() throws Exception {
        start();
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .method("TRACE", HttpRequest.BodyPublishers.noBody())
                        .header("X-Secret", "s3cret")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertFalse(response.body().contains("s3cret"), response.body());
    }

    @Test
    void unsafeMethodsAreRefusedUnlessTheOperatorAllowsThem() throws Exception {
        registry.add(params -> "poked", Map.of(RpcMethod.NAMES, "poke", RpcMethod.UNSAFE, "poke", "service.id", 2L));
        registry.add(params -> params.raw(), Map.of(RpcMethod.NAMES, "echo", "service.id", 1L));
        String poke = "{\"jsonrpc\":\"2.0\",\"method\":\"poke\",\"id\":1}";
        RpcSettings safe = new RpcSettings("0.0.0.0", 0, 4096, 10, true, List.of(), 30_000, 1024, 64, false, false);
        server = new TestRpcServer(registry, feed, safe);
        port = server.port();
        assertEquals(RpcError.UNSAFE_METHOD, errorCode(post(poke)));
        assertEquals(200, post(ECHO).statusCode());
        server.close();
        server = new TestRpcServer(registry, feed, new RpcSettings("127.0.0.1", 0, 4096, 10, true, List.of()));
        port = server.port();
        assertEquals("poked", json(post(poke).body()).get("result").asText());
    }

    @Test
    void browserOriginsMustBeAllowed() throws Exception {
        start();
        HttpResponse<String> refused = post(ECHO, "Origin", "http://evil.example");
        assertEquals(403, refused.statusCode());
        assertEquals(RpcError.ORIGIN_NOT_ALLOWED, errorCode(refused));
        HttpResponse<String> allowed = post(ECHO, "Origin", "http://localhost:3000");
        assertEquals(200, allowed.statusCode());
        assertEquals(
                "http://localhost:3000",
                allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void subscriptionsNeedAWebSocket() throws Exception {
        start();
        assertEquals(
                RpcError.SUBSCRIPTIONS_NEED_WEBSOCKET,
                errorCode(post("{\"jsonrpc\":\"2.0\",\"method\":\"chain_subscribeNewHeads\",\"id\":1}")));
    }

    @Test
    void webSocketCallsAndHeadSubscriptions() throws Exception {
        start();
        Messages messages = new Messages();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), messages)
                .get(10, TimeUnit.SECONDS);
        socket.sendText(ECHO, true).get(5, TimeUnit.SECONDS);
        assertEquals(json("[1,\"a\"]"), messages.next().get("result"));

        socket.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"chain_subscribeNewHeads\",\"id\":2}", true);
        JsonNode subscribed = messages.next();
        assertEquals(2, subscribed.get("id").asInt());
        String heads = subscribed.get("result").asText();
        socket.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"chain_subscribeFinalizedHeads\",\"id\":3}", true);
        String finals = messages.next().get("result").asText();
        assertEquals(2, feed.count());

        feed.newHead(block(5));
        JsonNode note = messages.next();
        assertEquals("chain_newHead", note.get("method").asText());
        assertFalse(note.has("id"));
        assertEquals(heads, note.get("params").get("subscription").asText());
        assertEquals("0x5", note.get("params").get("result").get("number").asText());
        feed.finalized(block(4));
        JsonNode finalNote = messages.next();
        assertEquals("chain_finalizedHead", finalNote.get("method").asText());
        assertEquals(finals, finalNote.get("params").get("subscription").asText());
        assertEquals("0x4", finalNote.get("params").get("result").get("number").asText());

        socket.sendText(
                "{\"jsonrpc\":\"2.0\",\"method\":\"chain_unsubscribeNewHeads\",\"params\":[\"" + heads
                        + "\"],\"id\":4}",
                true);
        assertTrue(messages.next().get("result").asBoolean());
        socket.sendText(
                "{\"jsonrpc\":\"2.0\",\"method\":\"chain_unsubscribeNewHeads\",\"params\":[\"" + heads
                        + "\"],\"id\":5}",
                true);
        assertFalse(messages.next().get("result").asBoolean());
        feed.newHead(block(6));
        socket.sendText(ECHO, true);
        assertEquals(1, messages.next().get("id").asInt(), "no notification after unsubscribing");

        String big = "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + "x".repeat(5000) + "\"],\"id\":9}";
        socket.sendText(big, true);
        assertEquals(
                RpcError.REQUEST_TOO_LARGE,
                messages.next().get("error").get("code").asInt());

        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (feed.count() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, feed.count(), "a closed connection's subscriptions are dropped");
    }

    @Test
    void largeWebSocketMessagesUpToTheLimitAreAnswered() throws Exception {
        start(true, 300_000, List.of());
        Messages messages = new Messages();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), messages)
                .get(10, TimeUnit.SECONDS);
        String payload = "x".repeat(200_000);
        socket.sendText("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + payload + "\"],\"id\":1}", true);
        assertEquals(payload, messages.next().get("result").get(0).asText());
        socket.sendText(
                "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":[\"" + payload + payload + "\"],\"id\":2}", true);
        assertEquals(
                RpcError.REQUEST_TOO_LARGE,
                messages.next().get("error").get("code").asInt());
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void webSocketCanBeTurnedOff() throws Exception {
        start(false, 4096, List.of());
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> http.newWebSocketBuilder()
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/"), new Messages())
                        .get(10, TimeUnit.SECONDS));
        assertEquals(
                403,
                ((java.net.http.WebSocketHandshakeException) e.getCause())
                        .getResponse()
                        .statusCode());
        assertEquals(200, post(ECHO).statusCode());
    }

    private static BlockInfo block(long number) {
        byte[] hash = new byte[32];
        hash[0] = (byte) number;
        return new BlockInfo(
                number, hash, new byte[32], number * 1000, new byte[32], new byte[32], new byte[32], List.of(), false);
    }

    /** Collects whole text messages. */
    private static final class Messages implements WebSocket.Listener {

        private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                queue.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        JsonNode next() throws Exception {
            String message = queue.poll(10, TimeUnit.SECONDS);
            assertTrue(message != null, "no message within 10 s");
            return json(message);
        }
    }
}

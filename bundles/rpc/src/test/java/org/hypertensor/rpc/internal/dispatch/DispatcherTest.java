package org.hypertensor.rpc.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.hypertensor.rpc.api.RpcCounters;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DispatcherTest {

    record Pair(String name, long value) {}

    private final AtomicInteger calls = new AtomicInteger();
    private final RpcStats stats = new RpcStats();
    private final Dispatcher dispatcher = new Dispatcher(stats);
    private final MethodLookup methods = name -> switch (name) {
        case "echo" -> counted(p -> p.raw());
        case "add" -> counted(p -> p.atMost("a", "b").number(0, "a") + p.number(1, "b"));
        case "pair" -> counted(p -> new Pair("x", 42));
        case "refuse" ->
            counted(p -> {
                throw new RpcError(1006, "insufficient funds", Map.of("reason", "insufficient_funds"));
            });
        case "crash" ->
            counted(p -> {
                throw new IllegalStateException("boom");
            });
        default -> null;
    };

    private RpcMethod counted(RpcMethod method) {
        return p -> {
            calls.incrementAndGet();
            return method.call(p);
        };
    }

    private JsonNode send(String body) throws Exception {
        byte[] answer = dispatcher.handle(body.getBytes(StandardCharsets.UTF_8), methods, 3);
        return answer == null ? null : Dispatcher.MAPPER.readTree(answer);
    }

    private static void assertError(JsonNode answer, int code, JsonNode id) {
        assertEquals("2.0", answer.get("jsonrpc").asText());
        assertEquals(code, answer.get("error").get("code").asInt(), answer.toString());
        assertTrue(answer.get("error").get("message").asText().length() > 0);
        assertFalse(answer.has("result"));
        assertEquals(id, answer.get("id"));
    }

    private static JsonNode json(String text) throws Exception {
        return Dispatcher.MAPPER.readTree(text);
    }

    @Test
    void answersACallWithItsResultAndId() throws Exception {
        JsonNode answer = send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[2,\"0x3\"],\"id\":7}");
        assertEquals(json("{\"jsonrpc\":\"2.0\",\"result\":5,\"id\":7}"), answer);
        assertEquals(
                json("{\"jsonrpc\":\"2.0\",\"result\":{\"name\":\"x\",\"value\":42},\"id\":\"abc\"}"),
                send("{\"jsonrpc\":\"2.0\",\"method\":\"pair\",\"id\":\"abc\"}"));
        assertEquals(
                json("{\"jsonrpc\":\"2.0\",\"result\":{\"a\":1},\"id\":null}"),
                send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"a\":1},\"id\":null}"));
    }

    @Test
    void idsComeBackAsSent() throws Exception {
        for (String id : List.of("1E+400", "18446744073709551616", "1.50", "-0.001", "12")) {
            byte[] answer = dispatcher.handle(
                    ("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8),
                    methods,
                    3);
            String text = new String(answer, StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\"id\":" + id + "}"), text);
        }
        byte[] answer = dispatcher.handle(
                "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":1e400}".getBytes(StandardCharsets.UTF_8), methods, 3);
        String text = new String(answer, StandardCharsets.UTF_8);
        assertFalse(text.contains("Infinity"), text);
        assertEquals(
                new java.math.BigDecimal("1e400"),
                Dispatcher.MAPPER.readTree(answer).get("id").decimalValue());
    }

    @Test
    void notificationsGetNoAnswerEvenOnError() throws Exception {
        assertNull(send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2]}"));
        assertNull(send("{\"jsonrpc\":\"2.0\",\"method\":\"nope\"}"));
        assertNull(send("{\"jsonrpc\":\"2.0\",\"method\":\"crash\"}"));
        assertEquals(2, calls.get());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"jsonrpc\":\"2.0\",\"method\":\"echo\"",
                "{\"jsonrpc\":\"2.0\"} trailing",
                "",
                "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"method\":\"add\",\"id\":1}",
                "NaN",
                "[1,]"
            })
    void malformedJsonIsAParseErrorAndReachesNoMethod(String body) throws Exception {
        assertError(send(body), RpcError.PARSE_ERROR, json("null"));
        assertEquals(0, calls.get());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1",
                "\"echo\"",
                "{\"method\":\"echo\",\"id\":1}",
                "{\"jsonrpc\":\"1.0\",\"method\":\"echo\",\"id\":1}",
                "{\"jsonrpc\":2.0,\"method\":\"echo\",\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"method\":5,\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":\"x\",\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":3}"
            })
    void invalidRequestObjects(String body) throws Exception {
        JsonNode answer = send(body);
        assertError(answer, RpcError.INVALID_REQUEST, body.contains("\"id\":1") ? json("1") : json("null"));
        assertEquals(0, calls.get());
    }

    @Test
    void anIdOfTheWrongTypeIsInvalidAndAnsweredWithNull() throws Exception {
        assertError(
                send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":{\"a\":1}}"),
                RpcError.INVALID_REQUEST,
                json("null"));
        assertError(
                send("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"id\":true}"), RpcError.INVALID_REQUEST, json("null"));
        assertEquals(0, calls.get());
    }

    @Test
    void unknownMethod() throws Exception {
        assertError(send("{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":1}"), RpcError.METHOD_NOT_FOUND, json("1"));
    }

    @Test
    void invalidParams() throws Exception {
        assertError(
                send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1],\"id\":1}"),
                RpcError.INVALID_PARAMS,
                json("1"));
        assertError(
                send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2,3],\"id\":2}"),
                RpcError.INVALID_PARAMS,
                json("2"));
        assertError(
                send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[-1,2],\"id\":3}"),
                RpcError.INVALID_PARAMS,
                json("3"));
        assertError(
                send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1.5,2],\"id\":4}"),
                RpcError.INVALID_PARAMS,
                json("4"));
    }

    @Test
    void aMethodsOwnErrorKeepsItsCodeAndData() throws Exception {
        JsonNode answer = send("{\"jsonrpc\":\"2.0\",\"method\":\"refuse\",\"id\":9}");
        assertError(answer, 1006, json("9"));
        assertEquals(
                "insufficient_funds",
                answer.get("error").get("data").get("reason").asText());
    }

    @Test
    void aBugIsAnInternalErrorWithoutStack() throws Exception {
        JsonNode answer = send("{\"jsonrpc\":\"2.0\",\"method\":\"crash\",\"id\":1}");
        assertError(answer, RpcError.INTERNAL_ERROR, json("1"));
        assertEquals(
                "internal error: IllegalStateException: boom",
                answer.get("error").get("message").asText());
    }

    @Test
    void batchesAnswerEachCallInOrderAndSkipNotifications() throws Exception {
        JsonNode answer = send("[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":\"1\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2]},"
                + "{\"foo\":\"boo\"}]");
        assertTrue(answer.isArray());
        assertEquals(2, answer.size());
        assertEquals(3, answer.get(0).get("result").asInt());
        assertEquals("1", answer.get(0).get("id").asText());
        assertError(answer.get(1), RpcError.INVALID_REQUEST, json("null"));
        assertNull(send(
                "[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2]},{\"jsonrpc\":\"2.0\",\"method\":\"x\"}]"));
    }

    @Test
    void invalidBatches() throws Exception {
        assertError(send("[]"), RpcError.INVALID_REQUEST, json("null"));
        JsonNode answer = send("[1,2]");
        assertEquals(2, answer.size());
        assertError(answer.get(0), RpcError.INVALID_REQUEST, json("null"));
        String call = "{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1}";
        JsonNode tooMany = send("[" + String.join(",", List.of(call, call, call, call)) + "]");
        assertError(tooMany, RpcError.INVALID_REQUEST, json("null"));
        assertEquals(0, calls.get());
    }

    @Test
    void countsCallsAndErrors() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1}");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"nope\",\"id\":2}");
        send("[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1},{}]");
        assertEquals(4, stats.requests());
        assertEquals(2, stats.errors());
    }

    @Test
    void countsByServedMethodOnly() throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1}");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"refuse\",\"id\":2}");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"made-up-1\",\"id\":3}");
        send("{\"jsonrpc\":\"2.0\",\"method\":\"made-up-2\",\"id\":4}");
        send("[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":[1,2],\"id\":1},{}]");
        send("not json");
        assertEquals(
                Map.of(
                        "add",
                        new RpcCounters.Counts(2, 0),
                        "refuse",
                        new RpcCounters.Counts(1, 1),
                        RpcCounters.UNKNOWN,
                        new RpcCounters.Counts(2, 2),
                        RpcCounters.INVALID,
                        new RpcCounters.Counts(2, 2)),
                stats.byMethod());
    }
}

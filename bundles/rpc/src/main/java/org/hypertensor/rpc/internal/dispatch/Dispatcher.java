package org.hypertensor.rpc.internal.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.hypertensor.rpc.api.RpcCounters;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.api.RpcParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC 2.0, to the letter: single requests and batches, notifications (no {@code id}: no answer, even on
 * error), and the standard error codes. Only a well-formed request reaches a method: the JSON is parsed strictly
 * (no trailing data, no duplicate keys), the request object checked, then the method looked up.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /**
     * Strict JSON in, plain JSON out; shared by everything that writes RPC answers. Numbers are read exactly
     * (big integers, decimals with their scale), so an id like {@code 1e400} comes back as the same number
     * ({@code 1E+400}), never as {@code "Infinity"}.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final RpcStats stats;

    public Dispatcher(RpcStats stats) {
        this.stats = stats;
    }

    /**
     * Answers one HTTP body or WebSocket message.
     *
     * @param maxBatch the largest batch accepted
     * @return the answer, or {@code null} when nothing is to be sent (only notifications)
     */
    public byte[] handle(byte[] body, MethodLookup methods, int maxBatch) {
        JsonNode request;
        try {
            request = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return error(RpcError.PARSE_ERROR, "parse error: " + e.getOriginalMessage());
        } catch (IOException e) {
            return error(RpcError.PARSE_ERROR, "parse error: " + e.getMessage());
        }
        if (request == null || request.isMissingNode()) {
            return error(RpcError.PARSE_ERROR, "parse error: empty request");
        }
        if (request.isArray()) {
            if (request.isEmpty()) {
                return error(RpcError.INVALID_REQUEST, "invalid request: empty batch");
            }
            if (request.size() > maxBatch) {
                return error(
                        RpcError.INVALID_REQUEST,
                        "invalid request: batch of " + request.size() + " calls exceeds the limit of " + maxBatch);
            }
            ArrayNode answers = NODES.arrayNode();
            for (JsonNode call : request) {
                ObjectNode answer = call(call, methods);
                if (answer != null) {
                    answers.add(answer);
                }
            }
            return answers.isEmpty() ? null : write(answers);
        }
        ObjectNode answer = call(request, methods);
        return answer == null ? null : write(answer);
    }

    /** A lone error answer with a {@code null} id, e.g. for a body over the size limit. */
    public byte[] error(int code, String message) {
        stats.request(RpcCounters.INVALID);
        stats.error(RpcCounters.INVALID);
        return write(errorAnswer(NullNode.getInstance(), code, message, null));
    }

    private ObjectNode call(JsonNode request, MethodLookup methods) {
        JsonNode id = request.isObject() ? request.get("id") : null;
        boolean validId = id == null || id.isTextual() || id.isNumber() || id.isNull();
        JsonNode answerId = id == null || !validId ? NullNode.getInstance() : id;
        String invalid = invalidReason(request, validId);
        if (invalid != null) {
            stats.request(RpcCounters.INVALID);
            stats.error(RpcCounters.INVALID);
            return errorAnswer(answerId, RpcError.INVALID_REQUEST, "invalid request: " + invalid, null);
        }
        boolean notification = id == null;
        String name = request.get("method").textValue();
        RpcMethod method = methods.find(name);
        // only served names become counter keys: a caller cannot grow the map with made-up names
        String counted = method == null ? RpcCounters.UNKNOWN : name;
        stats.request(counted);
        try {
            if (method == null) {
                throw new RpcError(RpcError.METHOD_NOT_FOUND, "method not found: " + name);
            }
            Object result = method.call(new RpcParams(name, request.get("params")));
            if (notification) {
                return null;
            }
            ObjectNode answer = NODES.objectNode().put("jsonrpc", "2.0");
            answer.set("result", MAPPER.valueToTree(result));
            answer.set("id", answerId);
            return answer;
        } catch (RpcError e) {
            stats.error(counted);
            return notification ? null : errorAnswer(answerId, e.code(), e.getMessage(), e.data());
        } catch (RuntimeException e) {
            stats.error(counted);
            LOG.warn("RPC method {} failed", name, e);
            return notification
                    ? null
                    : errorAnswer(
                            answerId,
                            RpcError.INTERNAL_ERROR,
                            "internal error: " + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                            null);
        }
    }

    /** Why {@code request} is not a JSON-RPC 2.0 request object, or {@code null} if it is one. */
    private static String invalidReason(JsonNode request, boolean validId) {
        if (!request.isObject()) {
            return "expected an object, got " + request.getNodeType().name().toLowerCase();
        }
        JsonNode version = request.get("jsonrpc");
        if (version == null || !version.isTextual() || !version.textValue().equals("2.0")) {
            return "\"jsonrpc\" must be \"2.0\"";
        }
        JsonNode method = request.get("method");
        if (method == null || !method.isTextual()) {
            return "\"method\" must be a string";
        }
        JsonNode params = request.get("params");
        if (params != null && !params.isArray() && !params.isObject()) {
            return "\"params\" must be an array or an object";
        }
        if (!validId) {
            return "\"id\" must be a string, a number or null";
        }
        return null;
    }

    private static ObjectNode errorAnswer(JsonNode id, int code, String message, Object data) {
        ObjectNode error = NODES.objectNode().put("code", code).put("message", message);
        if (data != null) {
            error.set("data", MAPPER.valueToTree(data));
        }
        ObjectNode answer = NODES.objectNode().put("jsonrpc", "2.0");
        answer.set("error", error);
        answer.set("id", id);
        return answer;
    }

    private static byte[] write(JsonNode answer) {
        try {
            return MAPPER.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}

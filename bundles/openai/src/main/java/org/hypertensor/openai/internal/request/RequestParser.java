package org.hypertensor.openai.internal.request;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.api.ChatMessage;
import org.hypertensor.openai.internal.error.ApiError;

/**
 * Reads and checks a generation request body the way OpenAI's API defines it: every known parameter's type
 * and range, one prompt and one choice only; unknown fields are ignored. Parameters that would change the
 * answer's meaning and are not supported ({@code echo}, {@code best_of}, {@code logprobs}, {@code suffix},
 * {@code tools}) are refused rather than ignored.
 */
public final class RequestParser {

    /** OpenAI's limit on stop sequences. */
    public static final int MAX_STOPS = 4;

    private final ObjectMapper json;

    public RequestParser(ObjectMapper json) {
        this.json = json.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public CompletionParams parse(byte[] body, Endpoint endpoint) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiError.invalid(
                    "We could not parse the JSON body of your request: "
                            + e.getOriginalMessage().replaceAll("\\s+", " "),
                    null);
        } catch (IOException e) {
            throw ApiError.invalid("We could not read the body of your request: " + e.getMessage(), null);
        }
        if (root == null || !root.isObject()) {
            throw ApiError.invalid("The body of your request must be a JSON object", null);
        }
        Fields f = new Fields(root);
        String model = f.string("model");
        if (model == null || model.isEmpty()) {
            throw ApiError.invalid("you must provide a model parameter", "model");
        }
        List<ChatMessage> messages = endpoint == Endpoint.CHAT ? messages(root.get("messages")) : List.of();
        String prompt = endpoint == Endpoint.CHAT ? "" : prompt(root);
        Integer maxTokens = f.positiveInt("max_tokens");
        if (endpoint == Endpoint.CHAT) {
            Integer completionTokens = f.positiveInt("max_completion_tokens");
            maxTokens = completionTokens != null ? completionTokens : maxTokens;
        }
        Integer n = f.positiveInt("n");
        if (n != null && n != 1) {
            throw ApiError.invalid("n must be 1: this endpoint returns one choice per request", "n");
        }
        Double temperature = f.number("temperature", 0, 2);
        Double topP = f.number("top_p", 0, 1);
        f.number("presence_penalty", -2, 2); // accepted, not applied (see docs/openai.md)
        f.number("frequency_penalty", -2, 2);
        Long seed = f.integer("seed");
        boolean stream = Boolean.TRUE.equals(f.bool("stream"));
        boolean includeUsage = false;
        JsonNode options = root.get("stream_options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) {
                throw ApiError.invalid("stream_options must be an object", "stream_options");
            }
            if (!stream) {
                throw ApiError.invalid(
                        "The 'stream_options' parameter is only allowed when 'stream' is enabled", "stream_options");
            }
            includeUsage = Boolean.TRUE.equals(new Fields(options).bool("include_usage"));
        }
        refuseUnsupported(root, f, endpoint);
        double t = temperature == null ? 1.0 : temperature;
        double p = topP == null ? 1.0 : topP;
        if (p == 0) {
            // only the most likely token survives: that is greedy decoding
            t = 0;
            p = 1;
        }
        return new CompletionParams(
                endpoint,
                model,
                prompt,
                messages,
                maxTokens,
                t,
                p,
                seed,
                stops(root.get("stop")),
                stream,
                includeUsage);
    }

    private static String prompt(JsonNode root) {
        JsonNode prompt = root.get("prompt");
        if (prompt == null || prompt.isNull()) {
            throw ApiError.invalid("you must provide a prompt parameter", "prompt");
        }
        if (prompt.isTextual()) {
            return prompt.textValue();
        }
        if (!prompt.isArray()) {
            throw ApiError.invalid("prompt must be a string (or an array holding one string)", "prompt");
        }
        if (prompt.isEmpty()) {
            throw ApiError.invalid("prompt must not be an empty array", "prompt");
        }
        for (JsonNode element : prompt) {
            if (!element.isTextual()) {
                throw ApiError.invalid(
                        "token arrays are not supported as prompt: send the prompt as a string", "prompt");
            }
        }
        if (prompt.size() > 1) {
            throw ApiError.invalid(
                    "only one prompt per request is supported, got an array of " + prompt.size(), "prompt");
        }
        return prompt.get(0).textValue();
    }

    private static List<ChatMessage> messages(JsonNode messages) {
        if (messages == null || messages.isNull()) {
            throw ApiError.invalid("you must provide a messages parameter", "messages");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiError.invalid("messages must be a non-empty array of messages", "messages");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject()) {
                throw ApiError.invalid(where + " must be an object with a role and a content", where);
            }
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual() || !ChatMessages.ROLES.contains(role.textValue())) {
                throw ApiError.invalid(
                        where + ".role must be one of " + String.join(", ", ChatMessages.ROLES), where + ".role");
            }
            out.add(ChatMessages.of(role.textValue(), content(m.get("content"), role.textValue(), where)));
        }
        return out;
    }

    private static String content(JsonNode content, String role, String where) {
        if ((content == null || content.isNull()) && role.equals("assistant")) {
            return ""; // an assistant turn that only called tools
        }
        if (content != null && content.isTextual()) {
            return content.textValue();
        }
        if (content == null || !content.isArray()) {
            throw ApiError.invalid(where + ".content must be a string or an array of text parts", where + ".content");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            JsonNode type = part.get("type");
            JsonNode value = part.get("text");
            if (type == null || !"text".equals(type.asText()) || value == null || !value.isTextual()) {
                throw ApiError.invalid(
                        where + ".content: only text parts ({\"type\":\"text\",\"text\":…}) are supported",
                        where + ".content");
            }
            text.append(value.textValue());
        }
        return text.toString();
    }

    private static List<String> stops(JsonNode stop) {
        List<String> out = new ArrayList<>();
        if (stop == null || stop.isNull()) {
            return out;
        }
        if (stop.isTextual()) {
            if (!stop.textValue().isEmpty()) {
                out.add(stop.textValue());
            }
            return out;
        }
        if (!stop.isArray()) {
            throw ApiError.invalid("stop must be a string or an array of strings", "stop");
        }
        if (stop.size() > MAX_STOPS) {
            throw ApiError.invalid("stop may hold at most " + MAX_STOPS + " sequences, got " + stop.size(), "stop");
        }
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw ApiError.invalid("stop must be a string or an array of strings", "stop");
            }
            if (!s.textValue().isEmpty() && !out.contains(s.textValue())) {
                out.add(s.textValue());
            }
        }
        return out;
    }

    private static void refuseUnsupported(JsonNode root, Fields f, Endpoint endpoint) {
        if (Boolean.TRUE.equals(f.bool("echo"))) {
            throw ApiError.invalid("echo is not supported by this endpoint", "echo");
        }
        Integer bestOf = f.positiveInt("best_of");
        if (bestOf != null && bestOf > 1) {
            throw ApiError.invalid("best_of must be 1: this endpoint generates one completion per request", "best_of");
        }
        JsonNode logprobs = root.get("logprobs");
        if (logprobs != null && !logprobs.isNull() && !(logprobs.isBoolean() && !logprobs.booleanValue())) {
            throw ApiError.invalid("logprobs are not supported by this endpoint", "logprobs");
        }
        String suffix = f.string("suffix");
        if (endpoint == Endpoint.COMPLETIONS && suffix != null && !suffix.isEmpty()) {
            throw ApiError.invalid("suffix is not supported by this endpoint", "suffix");
        }
        for (String name : List.of("tools", "functions")) {
            JsonNode tools = root.get(name);
            if (tools != null && !tools.isNull() && !(tools.isArray() && tools.isEmpty())) {
                throw ApiError.invalid(name + " are not supported by this endpoint", name);
            }
        }
    }

    /** Typed access to an object's optional fields: null when absent or JSON null, a 400 when of the wrong type. */
    private record Fields(JsonNode node) {

        private static final Map<Class<?>, String> NAMES = Map.of(
                String.class,
                "a string",
                Boolean.class,
                "a boolean",
                Double.class,
                "a number",
                Long.class,
                "an integer");

        private JsonNode value(String name) {
            JsonNode v = node.get(name);
            return v == null || v.isNull() ? null : v;
        }

        private static ApiError wrongType(String name, JsonNode v, Class<?> type) {
            return ApiError.invalid(name + " must be " + NAMES.get(type) + ", got " + v, name);
        }

        String string(String name) {
            JsonNode v = value(name);
            if (v != null && !v.isTextual()) {
                throw wrongType(name, v, String.class);
            }
            return v == null ? null : v.textValue();
        }

        Boolean bool(String name) {
            JsonNode v = value(name);
            if (v != null && !v.isBoolean()) {
                throw wrongType(name, v, Boolean.class);
            }
            return v == null ? null : v.booleanValue();
        }

        Double number(String name, double min, double max) {
            JsonNode v = value(name);
            if (v == null) {
                return null;
            }
            if (!v.isNumber()) {
                throw wrongType(name, v, Double.class);
            }
            double d = v.doubleValue();
            if (!(d >= min && d <= max)) {
                throw ApiError.invalid(name + " must be between " + fmt(min) + " and " + fmt(max) + ", got " + v, name);
            }
            return d;
        }

        Long integer(String name) {
            JsonNode v = value(name);
            if (v == null) {
                return null;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw wrongType(name, v, Long.class);
            }
            return v.longValue();
        }

        Integer positiveInt(String name) {
            Long v = integer(name);
            if (v == null) {
                return null;
            }
            if (v < 1 || v > Integer.MAX_VALUE) {
                throw ApiError.invalid(name + " must be at least 1 (and fit in 32 bits), got " + v, name);
            }
            return v.intValue();
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }
}

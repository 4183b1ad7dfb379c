package org.hypertensor.openai.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.hypertensor.openai.internal.generate.Generators;
import org.hypertensor.openai.internal.request.Endpoint;

/** The JSON bodies of OpenAI's answers for one generation: whole, or chunk by chunk when streamed. */
final class Responses {

    /** Token counts of a finished generation. */
    record Usage(int prompt, int completion) {}

    private final ObjectMapper json;
    private final Endpoint endpoint;
    private final String id;
    private final long created;
    private final String model;

    Responses(ObjectMapper json, Endpoint endpoint, String id, long created, String model) {
        this.json = json;
        this.endpoint = endpoint;
        this.id = id;
        this.created = created;
        this.model = model;
    }

    /** The whole answer of a generation that was not streamed. */
    ObjectNode whole(String text, String finishReason, Usage usage) {
        ObjectNode root = head(endpoint.object());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        if (endpoint == Endpoint.CHAT) {
            ObjectNode message = choice.putObject("message");
            message.put("role", "assistant");
            message.put("content", text);
            message.putNull("refusal");
        } else {
            choice.put("text", text);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        usage(root, usage);
        return root;
    }

    /** A streamed chat's first chunk: who speaks. */
    ObjectNode roleChunk(boolean includeUsage) {
        ObjectNode root = head(endpoint.chunkObject());
        ObjectNode delta = choice(root, null).putObject("delta");
        delta.put("role", "assistant");
        delta.put("content", "");
        return withNullUsage(root, includeUsage);
    }

    /** A streamed piece of text. */
    ObjectNode textChunk(String text, boolean includeUsage) {
        ObjectNode root = head(endpoint.chunkObject());
        ObjectNode choice = choice(root, null);
        if (endpoint == Endpoint.CHAT) {
            choice.putObject("delta").put("content", text);
        } else {
            choice.put("text", text);
        }
        return withNullUsage(root, includeUsage);
    }

    /** The streamed chunk that ends the choice. */
    ObjectNode finishChunk(String finishReason, boolean includeUsage) {
        ObjectNode root = head(endpoint.chunkObject());
        ObjectNode choice = choice(root, finishReason);
        if (endpoint == Endpoint.CHAT) {
            choice.putObject("delta");
        } else {
            choice.put("text", "");
        }
        return withNullUsage(root, includeUsage);
    }

    /** The last streamed chunk when {@code stream_options.include_usage} is set: no choices, the usage. */
    ObjectNode usageChunk(Usage usage) {
        ObjectNode root = head(endpoint.chunkObject());
        root.putArray("choices");
        usage(root, usage);
        return root;
    }

    /** {@code GET /v1/models}. */
    static ObjectNode modelList(ObjectMapper json, List<Generators.Choice> models) {
        ObjectNode root = json.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (Generators.Choice c : models) {
            data.add(model(json, c));
        }
        return root;
    }

    /** One model; besides OpenAI's fields, how this node serves it. */
    static ObjectNode model(ObjectMapper json, Generators.Choice c) {
        ObjectNode m = json.createObjectNode();
        m.put("id", c.model().id());
        m.put("object", "model");
        m.put("created", 0);
        m.put(
                "owned_by",
                c.model().subnet() == 0
                        ? "hypertensor-node"
                        : "hypertensor-subnet-" + c.model().subnet());
        m.put("mode", c.entry().mode());
        m.put("subnet", c.model().subnet());
        m.put("max_positions", c.model().maxPositions());
        m.put("description", c.model().description());
        return m;
    }

    private ObjectNode head(String object) {
        ObjectNode root = json.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", created);
        root.put("model", model);
        if (endpoint == Endpoint.CHAT) {
            root.putNull("system_fingerprint");
        }
        return root;
    }

    private ObjectNode choice(ObjectNode root, String finishReason) {
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return choice;
    }

    private static ObjectNode withNullUsage(ObjectNode root, boolean includeUsage) {
        if (includeUsage) {
            root.putNull("usage");
        }
        return root;
    }

    private static void usage(ObjectNode root, Usage usage) {
        ObjectNode u = root.putObject("usage");
        u.put("prompt_tokens", usage.prompt());
        u.put("completion_tokens", usage.completion());
        u.put("total_tokens", usage.prompt() + usage.completion());
    }
}

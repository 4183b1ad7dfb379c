package org.hypertensor.openai.internal.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hypertensor.model.api.ChatMessage;
import org.hypertensor.openai.internal.error.ApiError;
import org.hypertensor.openai.internal.error.ErrorKind;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    private final RequestParser parser = new RequestParser(new ObjectMapper());

    private CompletionParams completion(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), Endpoint.COMPLETIONS);
    }

    private CompletionParams chat(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), Endpoint.CHAT);
    }

    private static ApiError refused(Runnable parse) {
        ApiError e = assertThrows(ApiError.class, parse::run);
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals(400, e.kind().status());
        return e;
    }

    private void assertRefused(String json, String param, String message) {
        ApiError e = refused(() -> completion(json));
        assertEquals(param, e.param(), e.getMessage());
        assertEquals(message, e.getMessage());
    }

    @Test
    void aFullCompletionRequest() {
        CompletionParams p = completion(
                "{\"model\":\"devnet\",\"prompt\":[\"Hi\"],\"max_tokens\":7,\"temperature\":0.5,"
                        + "\"top_p\":0.9,\"seed\":-3,\"stop\":[\"a\",\"\",\"a\",\"b\"],\"n\":1,\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true},\"user\":\"x\",\"unknown_field\":{\"deep\":[1]}}");
        assertEquals(
                new CompletionParams(
                        Endpoint.COMPLETIONS,
                        "devnet",
                        "Hi",
                        List.of(),
                        7,
                        0.5,
                        0.9,
                        -3L,
                        List.of("a", "b"),
                        true,
                        true),
                p);
    }

    @Test
    void defaultsFollowOpenAi() {
        CompletionParams p = completion("{\"model\":\"m\",\"prompt\":\"x\",\"stop\":\"\"}");
        assertNull(p.maxTokens());
        assertEquals(1.0, p.temperature());
        assertEquals(1.0, p.topP());
        assertNull(p.seed());
        assertEquals(List.of(), p.stop());
        assertFalse(p.stream());
        CompletionParams zeroTopP = completion("{\"model\":\"m\",\"prompt\":\"x\",\"top_p\":0}");
        assertEquals(0.0, zeroTopP.temperature(), "top_p 0 keeps only the most likely token: greedy");
    }

    @Test
    void chatMessagesAreKeptForTheModelsTemplate() {
        CompletionParams p = chat("{\"model\":\"m\",\"messages\":[{\"role\":\"developer\",\"content\":\"Be brief.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi \"},{\"type\":\"text\",\"text\":\"there\"}]},"
                + "{\"role\":\"assistant\",\"content\":null},{\"role\":\"user\",\"content\":\"?\"}],"
                + "\"max_tokens\":5,\"max_completion_tokens\":9}");
        assertEquals(
                List.of(
                        new ChatMessage("system", "Be brief."),
                        new ChatMessage("user", "Hi there"),
                        new ChatMessage("assistant", ""),
                        new ChatMessage("user", "?")),
                p.messages(),
                "developer counts as system; text parts joined; an assistant turn without content is empty");
        assertEquals("", p.prompt());
        assertEquals(9, p.maxTokens(), "max_completion_tokens wins");
        assertEquals("max_completion_tokens", p.maxTokensParam());
    }

    @Test
    void malformedBodies() {
        assertTrue(
                refused(() -> completion("{\"model\":")).getMessage().startsWith("We could not parse the JSON body"));
        assertTrue(refused(() -> completion("{} {}")).getMessage().startsWith("We could not parse the JSON body"));
        assertRefused("[1]", null, "The body of your request must be a JSON object");
        assertRefused("", null, "The body of your request must be a JSON object");
    }

    @Test
    void modelAndPrompt() {
        assertRefused("{\"prompt\":\"x\"}", "model", "you must provide a model parameter");
        assertRefused("{\"model\":3,\"prompt\":\"x\"}", "model", "model must be a string, got 3");
        assertRefused("{\"model\":\"m\"}", "prompt", "you must provide a prompt parameter");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":[1,2,3]}",
                "prompt",
                "token arrays are not supported as prompt: send the prompt as a string");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":[[1,2]]}",
                "prompt",
                "token arrays are not supported as prompt: send the prompt as a string");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}",
                "prompt",
                "only one prompt per request is supported, got an array of 2");
        assertRefused("{\"model\":\"m\",\"prompt\":[]}", "prompt", "prompt must not be an empty array");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":{}}",
                "prompt",
                "prompt must be a string (or an array holding one string)");
    }

    @Test
    void numbersAndTheirRanges() {
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"temperature\":\"hot\"}",
                "temperature",
                "temperature must be a number, got \"hot\"");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"temperature\":2.5}",
                "temperature",
                "temperature must be between 0 and 2, got 2.5");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"top_p\":-0.1}",
                "top_p",
                "top_p must be between 0 and 1, got -0.1");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":0}",
                "max_tokens",
                "max_tokens must be at least 1 (and fit in 32 bits), got 0");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":1.5}",
                "max_tokens",
                "max_tokens must be an integer, got 1.5");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":99999999999}",
                "max_tokens",
                "max_tokens must be at least 1 (and fit in 32 bits), got 99999999999");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"seed\":1e30}", "seed", "seed must be an integer, got 1.0E30");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"presence_penalty\":3}",
                "presence_penalty",
                "presence_penalty must be between -2 and 2, got 3");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"n\":2}",
                "n",
                "n must be 1: this endpoint returns one choice per request");
    }

    @Test
    void stopsStreamAndUnsupportedOptions() {
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}",
                "stop",
                "stop may hold at most 4 sequences, got 5");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"stop\":[1]}",
                "stop",
                "stop must be a string or an array of strings");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"stream\":\"yes\"}",
                "stream",
                "stream must be a boolean, got \"yes\"");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"stream_options\":{\"include_usage\":true}}",
                "stream_options",
                "The 'stream_options' parameter is only allowed when 'stream' is enabled");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"echo\":true}", "echo", "echo is not supported by this endpoint");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"logprobs\":2}",
                "logprobs",
                "logprobs are not supported by this endpoint");
        assertRefused(
                "{\"model\":\"m\",\"prompt\":\"x\",\"best_of\":3}",
                "best_of",
                "best_of must be 1: this endpoint generates one completion per request");
        assertEquals(
                List.of(),
                completion("{\"model\":\"m\",\"prompt\":\"x\",\"logprobs\":null,\"echo\":false}")
                        .stop());
    }

    @Test
    void chatMessagesAreChecked() {
        ApiError missing = refused(() -> chat("{\"model\":\"m\"}"));
        assertEquals("messages", missing.param());
        assertEquals(
                "messages must be a non-empty array of messages",
                refused(() -> chat("{\"model\":\"m\",\"messages\":[]}")).getMessage());
        ApiError role = refused(() -> chat("{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"));
        assertEquals("messages[0].role", role.param());
        assertEquals("messages[0].role must be one of system, developer, user, assistant, tool", role.getMessage());
        ApiError image = refused(() -> chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]}"));
        assertEquals("messages[0].content", image.param());
        ApiError noContent = refused(() -> chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}"));
        assertEquals("messages[0].content must be a string or an array of text parts", noContent.getMessage());
        ApiError tools = refused(() -> chat("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"tools\":[{\"type\":\"function\"}]}"));
        assertEquals("tools", tools.param());
    }
}

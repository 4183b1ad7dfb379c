package org.hypertensor.openai.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events as OpenAI streams them: each event one {@code data: JSON} line and a blank line, flushed at
 * once; the stream ends with {@code data: [DONE]}. After a write fails (the client went away) every later write
 * is dropped and {@link #broken()} says so.
 */
final class SseStream {

    static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper json;
    private final OutputStream out;
    private boolean broken;

    SseStream(ObjectMapper json, OutputStream out) {
        this.json = json;
        this.out = out;
    }

    /** Sends one event; false if the client is gone. */
    boolean event(JsonNode data) {
        try {
            return send(DATA, json.writeValueAsBytes(data), END);
        } catch (IOException e) {
            // only Jackson's own failure can land here: a node tree always serializes
            throw new IllegalStateException(e);
        }
    }

    /** Sends the end marker. */
    boolean done() {
        return send(DONE);
    }

    private boolean send(byte[]... parts) {
        if (broken) {
            return false;
        }
        try {
            for (byte[] part : parts) {
                out.write(part);
            }
            out.flush();
            return true;
        } catch (IOException e) {
            broken = true;
            return false;
        }
    }

    boolean broken() {
        return broken;
    }
}

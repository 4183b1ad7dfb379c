package org.hypertensor.openai.internal.request;

/** The two generation endpoints: they differ in input (prompt or messages) and in the shape of the answer. */
public enum Endpoint {
    COMPLETIONS("/completions", "text_completion", "text_completion", "cmpl-"),
    CHAT("/chat/completions", "chat.completion", "chat.completion.chunk", "chatcmpl-");

    private final String path;
    private final String object;
    private final String chunkObject;
    private final String idPrefix;

    Endpoint(String path, String object, String chunkObject, String idPrefix) {
        this.path = path;
        this.object = object;
        this.chunkObject = chunkObject;
        this.idPrefix = idPrefix;
    }

    /** Under the path prefix, e.g. {@code /chat/completions}. */
    public String path() {
        return path;
    }

    /** The {@code object} of a whole answer. */
    public String object() {
        return object;
    }

    /** The {@code object} of a streamed chunk. */
    public String chunkObject() {
        return chunkObject;
    }

    public String idPrefix() {
        return idPrefix;
    }
}

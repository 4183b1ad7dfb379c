package org.hypertensor.openai.internal.error;

/** The kinds of failure a client can get, each with its HTTP status and OpenAI's {@code type} and {@code code}. */
public enum ErrorKind {
    INVALID_REQUEST(400, "invalid_request_error", null),
    MODEL_NOT_FOUND(404, "invalid_request_error", "model_not_found"),
    UNKNOWN_URL(404, "invalid_request_error", "unknown_url"),
    METHOD_NOT_ALLOWED(405, "invalid_request_error", "method_not_allowed"),
    TOO_LARGE(413, "invalid_request_error", "request_too_large"),
    TOO_MANY_GENERATIONS(429, "requests", "rate_limit_exceeded"),
    INTERNAL(500, "server_error", null),
    UNAVAILABLE(503, "server_error", "service_unavailable");

    private final int status;
    private final String type;
    private final String code;

    ErrorKind(int status, String type, String code) {
        this.status = status;
        this.type = type;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }
}

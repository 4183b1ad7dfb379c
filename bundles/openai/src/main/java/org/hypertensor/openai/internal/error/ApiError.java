package org.hypertensor.openai.internal.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hypertensor.inference.api.generate.GenerationException;

/**
 * A request the endpoint answers with an error, in OpenAI's shape:
 * {@code {"error":{"message":…,"type":…,"param":…,"code":…}}}.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;
    private final String param;

    public ApiError(ErrorKind kind, String message, String param) {
        super(message);
        this.kind = kind;
        this.param = param;
    }

    public ApiError(ErrorKind kind, String message, String param, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.param = param;
    }

    /** A 400 about one parameter (or the body, when {@code param} is null). */
    public static ApiError invalid(String message, String param) {
        return new ApiError(ErrorKind.INVALID_REQUEST, message, param);
    }

    public static ApiError modelNotFound(String model) {
        return new ApiError(
                ErrorKind.MODEL_NOT_FOUND,
                "The model `" + model + "` does not exist or is not served by this node (GET /v1/models lists them)",
                "model");
    }

    /** What a generator's failure becomes. */
    public static ApiError of(GenerationException e) {
        ErrorKind kind = switch (e.kind()) {
            case UNKNOWN_MODEL -> ErrorKind.MODEL_NOT_FOUND;
            case INVALID_REQUEST -> ErrorKind.INVALID_REQUEST;
            case UNAVAILABLE -> ErrorKind.UNAVAILABLE;
            case INTERNAL -> ErrorKind.INTERNAL;
        };
        return new ApiError(kind, e.getMessage(), kind == ErrorKind.MODEL_NOT_FOUND ? "model" : null, e);
    }

    public ErrorKind kind() {
        return kind;
    }

    public String param() {
        return param;
    }

    /** The error body clients parse. */
    public ObjectNode body(ObjectMapper json) {
        ObjectNode root = json.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", getMessage());
        error.put("type", kind.type());
        error.put("param", param);
        error.put("code", kind.code());
        return root;
    }
}

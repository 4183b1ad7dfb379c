package org.hypertensor.rpc.api;

/**
 * A JSON-RPC error answer: a code, a one-line message and optional data (anything Jackson can write). Codes from
 * -32768 to -32000 are JSON-RPC's own; bundles use positive codes of their own range (the ledger's rejections are
 * 1001…).
 */
public class RpcError extends Exception {

    private static final long serialVersionUID = 1L;

    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON sent is not a valid request object (or the batch is empty or too large). */
    public static final int INVALID_REQUEST = -32600;
    /** No such method. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Missing or mistyped parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** A fault of the node, not of the request. */
    public static final int INTERNAL_ERROR = -32603;
    /** The request body is larger than the configured limit. */
    public static final int REQUEST_TOO_LARGE = -32001;
    /** A subscription method called over plain HTTP. */
    public static final int SUBSCRIPTIONS_NEED_WEBSOCKET = -32002;
    /** The browser origin of the request is not allowed. */
    public static final int ORIGIN_NOT_ALLOWED = -32003;
    /** A WebSocket connection holds as many subscriptions as it may. */
    public static final int TOO_MANY_SUBSCRIPTIONS = -32004;
    /** The client's address has as many requests in flight as it may ({@code max.requests.per.address}). */
    public static final int TOO_MANY_REQUESTS = -32005;
    /** An unsafe method (one that makes the node act) called while the endpoint serves safe methods only. */
    public static final int UNSAFE_METHOD = -32006;
    /** The request body did not arrive in time or arrived too slowly. */
    public static final int REQUEST_TIMEOUT = -32007;

    private final int code;
    private final transient Object data;

    public RpcError(int code, String message) {
        this(code, message, null);
    }

    public RpcError(int code, String message, Object data) {
        super(message);
        this.code = code;
        this.data = data;
    }

    public static RpcError invalidParams(String message) {
        return new RpcError(INVALID_PARAMS, message);
    }

    public int code() {
        return code;
    }

    /** Extra detail for the error's {@code data} member, or {@code null}. */
    public Object data() {
        return data;
    }

    /** Bad input is routine: no stack trace. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

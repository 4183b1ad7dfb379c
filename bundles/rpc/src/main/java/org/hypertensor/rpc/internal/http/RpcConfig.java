package org.hypertensor.rpc.internal.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.hypertensor.rpc.cfg}: the JSON-RPC endpoint. Defaults live here and nowhere else. */
@ObjectClassDefinition(
        id = RpcConfig.PID,
        name = "JSON-RPC",
        description = "JSON-RPC 2.0 over HTTP and WebSocket on the node's shared HTTP server; changes apply live.")
public @interface RpcConfig {

    String PID = "org.hypertensor.rpc";

    @AttributeDefinition(
            name = "Bind address",
            description = "Interface the node's HTTP server listens on; loopback unless you mean to expose the RPC.")
    String bind_address() default "127.0.0.1";

    @AttributeDefinition(
            name = "Port",
            min = "0",
            max = "65535",
            description = "TCP port of the node's HTTP server (0: any free port, see rpc:status).")
    int port() default 9933;

    @AttributeDefinition(
            name = "Max request bytes",
            min = "1024",
            max = "67108864",
            description = "Largest HTTP body or WebSocket message accepted; larger ones get error -32001.")
    int max_request_bytes() default 1048576;

    @AttributeDefinition(
            name = "Max batch size",
            min = "1",
            max = "10000",
            description = "Most calls in one JSON-RPC batch; larger batches get error -32600.")
    int max_batch_size() default 100;

    @AttributeDefinition(
            name = "WebSocket",
            description = "Whether WebSocket connections (and so subscriptions) are accepted.")
    boolean websocket_enabled() default true;

    @AttributeDefinition(
            name = "Allowed origins",
            description = "Browser origins allowed to call (e.g. http://localhost:3000), or * for any. Requests "
                    + "without an Origin header (curl, scripts) are always allowed; by default no browser page is.")
    String[] allowed_origins() default {};

    @AttributeDefinition(
            name = "Request timeout",
            min = "1",
            max = "600",
            description = "Seconds in which a request body must arrive completely; slower ones get error -32007 "
                    + "and the connection is closed.")
    int request_timeout_seconds() default 30;

    @AttributeDefinition(
            name = "Minimum request data rate",
            min = "0",
            max = "104857600",
            description = "After its first second, a request body must arrive at least this many bytes per second "
                    + "(0: no minimum); slower ones get error -32007 and the connection is closed.")
    int request_min_bytes_per_second() default 1024;

    @AttributeDefinition(
            name = "Requests per address",
            min = "1",
            max = "100000",
            description = "Most requests in flight from one client address; more get error -32005 (HTTP 429).")
    int max_requests_per_address() default 64;

    @AttributeDefinition(
            name = "Limit loopback",
            description = "Whether loopback clients count against max.requests.per.address (off: a reverse proxy "
                    + "on this host is one address for all its clients).")
    boolean limit_loopback() default false;

    @AttributeDefinition(
            name = "Methods",
            description = "auto, safe or unsafe. Unsafe methods make the node act (dht_put); safe: refused with "
                    + "error -32006; auto: safe when bound to a non-loopback address, unsafe on loopback.")
    String methods() default "auto";
}

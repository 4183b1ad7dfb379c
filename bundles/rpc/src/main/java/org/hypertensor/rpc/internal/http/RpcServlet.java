package org.hypertensor.rpc.internal.http;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.internal.dispatch.MethodLookup;
import org.hypertensor.rpc.internal.dispatch.MethodRegistry;
import org.hypertensor.rpc.internal.subscribe.HeadFeed;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The JSON-RPC endpoint on the node's shared HTTP server (OSGi HTTP Whiteboard): {@code POST /} with a request or
 * a batch, or a WebSocket upgrade of {@code /} for requests plus head subscriptions. Bodies over the limit and
 * refused browser origins are answered here and never parsed.
 */
@Component(
        service = Servlet.class,
        configurationPid = RpcConfig.PID,
        property = {"osgi.http.whiteboard.servlet.pattern=/", "osgi.http.whiteboard.servlet.name=hypertensor-rpc"})
@Designate(ocd = RpcConfig.class)
public final class RpcServlet extends JettyWebSocketServlet {

    private static final long serialVersionUID = 1L;
    private static final String JSON = "application/json";
    private static final Set<String> SUBSCRIPTION_METHODS = Set.of(
            "chain_subscribeNewHeads",
            "chain_subscribeNewHead",
            "chain_unsubscribeNewHeads",
            "chain_unsubscribeNewHead",
            "chain_subscribeFinalizedHeads",
            "chain_subscribeFinalisedHeads",
            "chain_unsubscribeFinalizedHeads",
            "chain_unsubscribeFinalisedHeads");
    /** WebSocket connections with no traffic either way are closed after this long. */
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final transient MethodRegistry registry;
    private final transient HeadFeed feed;
    private final transient MethodLookup httpMethods;
    private transient volatile RpcSettings settings;

    @Activate
    public RpcServlet(@Reference MethodRegistry registry, @Reference HeadFeed feed, RpcConfig config) {
        this(registry, feed, RpcSettings.of(config));
    }

    public RpcServlet(MethodRegistry registry, HeadFeed feed, RpcSettings settings) {
        this.registry = registry;
        this.feed = feed;
        this.settings = settings;
        RpcMethod needsWebSocket = params -> {
            throw new RpcError(
                    RpcError.SUBSCRIPTIONS_NEED_WEBSOCKET,
                    params.method() + " needs a WebSocket connection (ws://…), not plain HTTP");
        };
        this.httpMethods = name -> SUBSCRIPTION_METHODS.contains(name) ? needsWebSocket : registry.find(name);
    }

    @Modified
    void modified(RpcConfig config) {
        settings = RpcSettings.of(config);
    }

    public RpcSettings settings() {
        return settings;
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setIdleTimeout(IDLE);
        // each connection sets its own message limit when it opens (RpcSocket), from the settings then in force
        factory.setCreator((request, response) -> new RpcSocket(registry, feed, this::settings));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, jakarta.servlet.ServletException {
        RpcSettings s = settings;
        String origin = request.getHeader("Origin");
        if (!s.allowsOrigin(origin)) {
            discard(request, s.maxRequestBytes());
            fail(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    RpcError.ORIGIN_NOT_ALLOWED,
                    "origin " + origin + " is not allowed (see allowed.origins in org.hypertensor.rpc.cfg)");
            return;
        }
        if (origin != null) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Vary", "Origin");
        }
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && !s.websocket()) {
            fail(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    RpcError.INVALID_REQUEST,
                    "WebSocket connections are disabled (websocket.enabled = false)");
            return;
        }
        super.service(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RpcSettings s = settings;
        long declared = request.getContentLengthLong();
        byte[] body = declared > s.maxRequestBytes() ? null : readAtMost(request.getInputStream(), s.maxRequestBytes());
        if (body == null) {
            long size = declared > 0 ? declared : s.maxRequestBytes() + 1L;
            // Read (and drop) a moderately oversized body so the client gets the answer: closing on unread
            // bytes makes TCP reset the connection, and the client may lose the answer. Beyond, just close.
            discard(request, 4L * s.maxRequestBytes());
            response.setHeader("Connection", "close");
            fail(
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    RpcError.REQUEST_TOO_LARGE,
                    tooLarge(size, s.maxRequestBytes()));
            return;
        }
        byte[] answer = registry.dispatcher().handle(body, httpMethods, s.maxBatchSize());
        if (answer == null) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        write(response, HttpServletResponse.SC_OK, answer);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST, OPTIONS");
        fail(
                response,
                HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                RpcError.INVALID_REQUEST,
                "send JSON-RPC requests with POST (Content-Type: application/json), or open a WebSocket");
    }

    /** CORS preflight, for an origin already allowed by {@link #service}. */
    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Allow", "POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
        response.setHeader("Access-Control-Allow-Headers", "Content-Type");
        response.setHeader("Access-Control-Max-Age", "3600");
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    static String tooLarge(long size, int limit) {
        return "request of " + size + " bytes exceeds the limit of " + limit + " bytes (max.request.bytes)";
    }

    private void fail(HttpServletResponse response, int status, int code, String message) throws IOException {
        write(response, status, registry.dispatcher().error(code, message));
    }

    private static void write(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Reads and drops what is left of the request body, at most {@code cap} bytes. */
    private static void discard(HttpServletRequest request, long cap) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > cap) {
            return;
        }
        InputStream in = request.getInputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; total < cap && (n = in.read(buffer)) != -1; ) {
            total += n;
        }
    }

    /** The body, or {@code null} if it is longer than {@code limit} (reading stops there). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}

package org.hypertensor.rpc.internal.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.hypertensor.rpc.api.RpcError;
import org.hypertensor.rpc.api.RpcMethod;
import org.hypertensor.rpc.internal.dispatch.MethodLookup;
import org.hypertensor.rpc.internal.dispatch.MethodRegistry;
import org.hypertensor.rpc.internal.subscribe.HeadFeed;
import org.hypertensor.util.concurrent.NamedThreads;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC endpoint on the node's shared HTTP server (OSGi HTTP Whiteboard): {@code POST /} with a request or
 * a batch, or a WebSocket upgrade of {@code /} for requests plus head subscriptions. Bodies over the limit and
 * refused browser origins are answered here and never parsed.
 */
@Component(
        service = Servlet.class,
        configurationPid = RpcConfig.PID,
        property = {
            "osgi.http.whiteboard.servlet.pattern=/",
            "osgi.http.whiteboard.servlet.name=hypertensor-rpc",
            "osgi.http.whiteboard.servlet.asyncSupported=true"
        })
@Designate(ocd = RpcConfig.class)
public final class RpcServlet extends JettyWebSocketServlet {

    private static final long serialVersionUID = 1L;
    private static final String JSON = "application/json";
    private static final int SC_TOO_MANY_REQUESTS = 429;
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

    /** How often bodies still arriving are checked against the timeout and the minimum rate. */
    private static final long SWEEP_MILLIS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(RpcServlet.class);

    private final transient MethodRegistry registry;
    private final transient HeadFeed feed;
    private final transient RpcMethod needsWebSocket;
    private final transient Clock clock;
    private final transient AddressSlots slots = new AddressSlots();
    private final transient Set<BodyReader> reading = ConcurrentHashMap.newKeySet();
    private transient volatile RpcSettings settings;
    private transient ScheduledExecutorService sweeper;

    @Activate
    public RpcServlet(@Reference MethodRegistry registry, @Reference HeadFeed feed, RpcConfig config) {
        this(registry, feed, RpcSettings.of(config), Clock.systemUTC());
    }

    public RpcServlet(MethodRegistry registry, HeadFeed feed, RpcSettings settings) {
        this(registry, feed, settings, Clock.systemUTC());
    }

    public RpcServlet(MethodRegistry registry, HeadFeed feed, RpcSettings settings, Clock clock) {
        this.registry = registry;
        this.feed = feed;
        this.settings = settings;
        this.clock = clock;
        this.needsWebSocket = params -> {
            throw new RpcError(
                    RpcError.SUBSCRIPTIONS_NEED_WEBSOCKET,
                    params.method() + " needs a WebSocket connection (ws://…), not plain HTTP");
        };
    }

    /** A refused value changes nothing: the settings in force stay. */
    @Modified
    void modified(RpcConfig config) {
        try {
            settings = RpcSettings.of(config);
        } catch (IllegalArgumentException e) {
            LOG.error("RPC configuration refused, the previous one stays in force: {}", e.getMessage());
        }
    }

    @Override
    public void init() throws jakarta.servlet.ServletException {
        super.init();
        synchronized (this) {
            sweeper = Executors.newSingleThreadScheduledExecutor(NamedThreads.single("rpc-body-sweeper"));
            sweeper.scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void destroy() {
        synchronized (this) {
            if (sweeper != null) {
                sweeper.shutdownNow();
                sweeper = null;
            }
        }
        super.destroy();
    }

    private void sweep() {
        long now = clock.millis();
        reading.removeIf(r -> r.check(now));
    }

    /** Bodies being read now (the slow-client defence's view, for rpc:status and tests). */
    public int bodiesInFlight() {
        return reading.size();
    }

    private MethodLookup httpMethods(RpcSettings s) {
        MethodLookup methods = registry.lookup(s.allowUnsafe());
        return name -> SUBSCRIPTION_METHODS.contains(name) ? needsWebSocket : methods.find(name);
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
            response.setHeader("Connection", "close");
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
        String address = request.getRemoteAddr();
        boolean capped = s.limitLoopback() || !RpcSettings.isLoopback(address);
        if (capped && !slots.tryAcquire(address, s.maxRequestsPerAddress())) {
            response.setHeader("Connection", "close");
            fail(
                    response,
                    SC_TOO_MANY_REQUESTS,
                    RpcError.TOO_MANY_REQUESTS,
                    address + " has " + s.maxRequestsPerAddress()
                            + " requests in flight already (max.requests.per.address)");
            return;
        }
        Runnable release = capped ? once(() -> slots.release(address)) : () -> {};
        long declared = request.getContentLengthLong();
        // A moderately oversized body is read (and dropped) so the client gets the answer: closing on unread
        // bytes makes TCP reset the connection, and the client may lose the answer. Beyond, just close.
        long discardLimit = 4L * s.maxRequestBytes();
        if (declared > discardLimit) {
            release.run();
            response.setHeader("Connection", "close");
            fail(
                    response,
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    RpcError.REQUEST_TOO_LARGE,
                    tooLarge(declared, s.maxRequestBytes()));
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        async.addListener(new Completion(release));
        ServletInputStream in = request.getInputStream();
        BodyReader reader = new BodyReader(
                in,
                s.maxRequestBytes(),
                discardLimit,
                clock.millis(),
                s.requestTimeoutMillis(),
                s.minBytesPerSecond(),
                new Answer(async, s, declared));
        reading.add(reader);
        in.setReadListener(reader);
    }

    /** Answers the request once its body is read, or fails it; then completes it. */
    private final class Answer implements BodyReader.Outcome {
        private final AsyncContext async;
        private final RpcSettings s;
        private final long declared;

        Answer(AsyncContext async, RpcSettings s, long declared) {
            this.async = async;
            this.s = s;
            this.declared = declared;
        }

        @Override
        public void body(byte[] body) {
            byte[] answer = registry.dispatcher().handle(body, httpMethods(s), s.maxBatchSize());
            respond(answer == null ? HttpServletResponse.SC_NO_CONTENT : HttpServletResponse.SC_OK, answer, false);
        }

        @Override
        public void tooLarge(long size) {
            long shown = Math.max(size, declared);
            respond(
                    HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    registry.dispatcher()
                            .error(RpcError.REQUEST_TOO_LARGE, RpcServlet.tooLarge(shown, s.maxRequestBytes())),
                    true);
        }

        @Override
        public void tooSlow(String why) {
            respond(
                    HttpServletResponse.SC_REQUEST_TIMEOUT,
                    registry.dispatcher().error(RpcError.REQUEST_TIMEOUT, why),
                    true);
        }

        @Override
        public void failed(Throwable cause) {
            LOG.debug("RPC request body failed: {}", cause.toString());
            complete();
        }

        private void respond(int status, byte[] body, boolean close) {
            try {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                if (close) {
                    response.setHeader("Connection", "close");
                }
                if (body == null) {
                    response.setStatus(status);
                } else {
                    write(response, status, body);
                }
            } catch (IOException | IllegalStateException e) {
                LOG.debug("RPC answer not sent: {}", e.toString());
            } finally {
                complete();
            }
        }

        private void complete() {
            try {
                async.complete();
            } catch (IllegalStateException e) {
                LOG.debug("RPC request already completed: {}", e.toString());
            }
        }
    }

    /** Frees the client's slot when the request ends, however it ends. */
    private static final class Completion implements AsyncListener {
        private final Runnable release;

        Completion(Runnable release) {
            this.release = release;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            release.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // the same request, still in flight
        }
    }

    private static Runnable once(Runnable r) {
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                r.run();
            }
        };
    }

    /** TRACE would echo the request's headers (cookies, authorization) back: refused. */
    @Override
    protected void doTrace(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", "POST, OPTIONS");
        fail(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, RpcError.INVALID_REQUEST, "TRACE is not supported");
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
}

package org.hypertensor.rpc.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The endpoint's settings, as one immutable value swapped in on a configuration change.
 *
 * @param requestTimeoutMillis the whole request body must arrive within this
 * @param minBytesPerSecond after the first second, the body must arrive at least this fast (0: no minimum)
 * @param maxRequestsPerAddress most requests in flight from one client address
 * @param limitLoopback whether loopback clients are capped too (off: a reverse proxy on this host is one
 *     address for all its clients, and it caps them itself)
 * @param allowUnsafe whether unsafe methods (that make the node act) are served
 */
public record RpcSettings(
        String bindAddress,
        int port,
        int maxRequestBytes,
        int maxBatchSize,
        boolean websocket,
        List<String> allowedOrigins,
        long requestTimeoutMillis,
        int minBytesPerSecond,
        int maxRequestsPerAddress,
        boolean limitLoopback,
        boolean allowUnsafe) {

    public static final long DEFAULT_REQUEST_TIMEOUT_MILLIS = 30_000;
    public static final int DEFAULT_MIN_BYTES_PER_SECOND = 1024;
    public static final int DEFAULT_MAX_REQUESTS_PER_ADDRESS = 64;

    /** Which methods are served ({@code methods} key). */
    public enum Methods {
        /** Safe methods only when bound to a non-loopback address, all on loopback. */
        AUTO,
        SAFE,
        UNSAFE;

        public static Methods parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("methods must be auto, safe or unsafe, not '" + text + "'", e);
            }
        }
    }

    public RpcSettings {
        List<String> origins = new ArrayList<>();
        // a .cfg file gives one comma-separated string, a .config file or Config Admin a list
        for (String entry : allowedOrigins) {
            for (String origin : entry.split(",")) {
                String o = normalize(origin);
                if (!o.isEmpty()) {
                    origins.add(o);
                }
            }
        }
        allowedOrigins = List.copyOf(origins);
    }

    /** The default request limits, unsafe methods allowed (tests and benchmarks on loopback). */
    public RpcSettings(
            String bindAddress,
            int port,
            int maxRequestBytes,
            int maxBatchSize,
            boolean websocket,
            List<String> allowedOrigins) {
        this(
                bindAddress,
                port,
                maxRequestBytes,
                maxBatchSize,
                websocket,
                allowedOrigins,
                DEFAULT_REQUEST_TIMEOUT_MILLIS,
                DEFAULT_MIN_BYTES_PER_SECOND,
                DEFAULT_MAX_REQUESTS_PER_ADDRESS,
                false,
                true);
    }

    /** @throws IllegalArgumentException naming the key for a value that cannot be used */
    public static RpcSettings of(RpcConfig config) {
        String bind = config.bind_address().trim();
        Methods methods = Methods.parse(config.methods());
        return new RpcSettings(
                bind,
                config.port(),
                config.max_request_bytes(),
                config.max_batch_size(),
                config.websocket_enabled(),
                List.of(config.allowed_origins()),
                config.request_timeout_seconds() * 1000L,
                config.request_min_bytes_per_second(),
                config.max_requests_per_address(),
                config.limit_loopback(),
                allowsUnsafe(methods, bind));
    }

    /** {@code auto} serves unsafe methods only on loopback (as Substrate's {@code --rpc-methods auto}). */
    static boolean allowsUnsafe(Methods methods, String bindAddress) {
        return methods == Methods.UNSAFE || (methods == Methods.AUTO && isLoopback(bindAddress));
    }

    /** Whether {@code address} (a literal or {@code localhost}) is a loopback address; a name is not resolved. */
    static boolean isLoopback(String address) {
        if (address.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!address.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** No Origin header (not a browser) is always allowed; a browser's origin must be listed, or {@code *}. */
    public boolean allowsOrigin(String origin) {
        if (origin == null) {
            return true;
        }
        return allowedOrigins.contains("*") || allowedOrigins.contains(normalize(origin));
    }

    private static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}

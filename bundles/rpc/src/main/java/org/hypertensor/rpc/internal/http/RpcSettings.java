package org.hypertensor.rpc.internal.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The endpoint's settings, as one immutable value swapped in on a configuration change. */
public record RpcSettings(
        String bindAddress,
        int port,
        int maxRequestBytes,
        int maxBatchSize,
        boolean websocket,
        List<String> allowedOrigins) {

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

    public static RpcSettings of(RpcConfig config) {
        return new RpcSettings(
                config.bind_address().trim(),
                config.port(),
                config.max_request_bytes(),
                config.max_batch_size(),
                config.websocket_enabled(),
                List.of(config.allowed_origins()));
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

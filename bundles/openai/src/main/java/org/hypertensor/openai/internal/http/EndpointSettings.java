package org.hypertensor.openai.internal.http;

/** The endpoint's settings, one immutable value swapped in on a configuration change. */
public record EndpointSettings(
        boolean enabled, String pathPrefix, int maxBodyBytes, int maxConcurrentGenerations, int defaultMaxTokens) {

    public EndpointSettings {
        pathPrefix = normalize(pathPrefix);
    }

    public static EndpointSettings of(OpenAiConfig config) {
        return new EndpointSettings(
                config.enabled(),
                config.path_prefix(),
                config.max_body_bytes(),
                config.max_concurrent_generations(),
                config.default_max_tokens());
    }

    /**
     * {@code /v1}, {@code v1/} and {@code /v1/} all mean {@code /v1}; the root is refused (the JSON-RPC owns
     * {@code /}) as are wildcards.
     */
    static String normalize(String prefix) {
        String p = prefix.trim();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        if (p.equals("/") || p.contains("*") || p.contains("?") || p.contains("#") || p.contains(" ")) {
            throw new IllegalArgumentException("path.prefix '" + prefix
                    + "' is not a path below the root like /v1 (the root belongs to the JSON-RPC)");
        }
        return p;
    }
}

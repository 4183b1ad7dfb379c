package org.hypertensor.openai.internal.http;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.hypertensor.openai.cfg}: the OpenAI-compatible endpoint. Defaults live here and nowhere else. */
@ObjectClassDefinition(
        id = OpenAiConfig.PID,
        name = "OpenAI-compatible API",
        description = "/v1/models, /v1/completions and /v1/chat/completions on the node's shared HTTP server"
                + " (address and port: org.hypertensor.rpc.cfg); changes apply live.")
public @interface OpenAiConfig {

    String PID = "org.hypertensor.openai";

    @AttributeDefinition(name = "Enabled", description = "Whether the endpoint is served.")
    boolean enabled() default true;

    @AttributeDefinition(
            name = "Path prefix",
            description = "Where the API lives on the HTTP server, e.g. /v1 (then /v1/completions).")
    String path_prefix() default "/v1";

    @AttributeDefinition(
            name = "Max body bytes",
            min = "1024",
            max = "67108864",
            description = "Largest request body accepted; larger ones get 413.")
    int max_body_bytes() default 1048576;

    @AttributeDefinition(
            name = "Max concurrent generations",
            min = "1",
            max = "1000",
            description = "Generations running at once; more get 429 at once.")
    int max_concurrent_generations() default 4;

    @AttributeDefinition(
            name = "Default max tokens",
            min = "1",
            max = "100000",
            description = "New tokens generated when a request gives no max_tokens (capped by the model's context).")
    int default_max_tokens() default 128;
}

package org.hypertensor.inference.net.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.hypertensor.inference.net.client.cfg}: generating through a subnet's servers. Defaults live here. */
@ObjectClassDefinition(
        id = ClientConfig.PID,
        name = "inference client",
        description = "Generation through a subnet's servers (the distributed TextGenerator).")
public @interface ClientConfig {

    String PID = "org.hypertensor.inference.net.client";

    @AttributeDefinition(min = "0", description = "The subnet whose model is offered.")
    long subnet() default 1;

    @AttributeDefinition(
            description =
                    "The local copy of the model (embeddings, norm, head): a name under data/models or a directory.")
    String model() default "devnet";

    @AttributeDefinition(
            required = false,
            description =
                    "The model id offered to callers (OpenAI 'model'); empty = the subnet's name, else the model's name.")
    String model_id() default "";

    @AttributeDefinition(min = "1", max = "3600", description = "Seconds to wait for a server's answer.")
    int step_timeout_seconds() default 30;

    @AttributeDefinition(min = "0", max = "1000", description = "Server failures one generation survives.")
    int max_failures() default 8;

    @AttributeDefinition(
            min = "1",
            max = "86400",
            description = "First ban of a failed server, doubling after each failure.")
    int ban_seconds() default 15;

    @AttributeDefinition(min = "1", max = "86400", description = "Longest ban.")
    int ban_max_seconds() default 600;

    @AttributeDefinition(min = "0", max = "3600", description = "Seconds announcements read from the DHT are reused.")
    int directory_cache_seconds() default 5;

    @AttributeDefinition(min = "1", max = "100000", description = "Tokens infer:generate makes without -n.")
    int max_new_tokens() default 48;
}

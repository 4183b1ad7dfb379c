package org.hypertensor.inference.net.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.hypertensor.inference.net.server.cfg}: serving blocks of a subnet's model. Defaults live here. */
@ObjectClassDefinition(
        id = ServerConfig.PID,
        name = "inference server",
        description = "Hosts a block range of a subnet's model for other nodes. A change restarts the server.")
public @interface ServerConfig {

    String PID = "org.hypertensor.inference.net.server";

    @AttributeDefinition(description = "Serve blocks (only if this node is staked in the subnet).")
    boolean enabled() default true;

    @AttributeDefinition(min = "0", description = "The subnet whose model is served.")
    long subnet() default 1;

    @AttributeDefinition(
            description = "The model: a name under data/models or a directory; its id must be the subnet's model.")
    String model() default "devnet";

    @AttributeDefinition(
            required = false,
            description = "Devnets: when the model is missing, generate it at this size (e.g. small, seed 42) first; "
                    + "empty = never (real networks).")
    String model_generate_size() default "";

    @AttributeDefinition(
            required = false,
            description = "Blocks to host, START:END (end exclusive); empty = choose the weakest window.")
    String blocks() default "";

    @AttributeDefinition(min = "0", description = "Blocks to host when choosing; 0 = all of them.")
    int blocks_count() default 0;

    @AttributeDefinition(min = "1", max = "1048576", description = "MiB of attention cache all sessions may reserve.")
    int cache_max_mb() default 512;

    @AttributeDefinition(min = "1", max = "10000", description = "Open sessions one client peer may hold.")
    int sessions_per_peer() default 4;

    @AttributeDefinition(min = "1", max = "4096", description = "Open sessions in all (each holds a thread).")
    int max_sessions() default 64;

    @AttributeDefinition(min = "1", max = "86400", description = "Seconds a session may wait between steps.")
    int step_gap_seconds() default 300;

    @AttributeDefinition(min = "1", max = "1440", description = "Minutes a session may last.")
    int session_minutes() default 30;

    @AttributeDefinition(min = "1", max = "1000000", description = "Positions (batch x tokens) one step may carry.")
    int max_tensor_tokens() default 4096;

    @AttributeDefinition(
            min = "5",
            max = "3600",
            description = "Seconds between announcements (records expire after two).")
    int announce_seconds() default 60;

    @AttributeDefinition(min = "0", max = "3600", description = "Longest random delay before choosing blocks.")
    int join_delay_max_seconds() default 10;

    @AttributeDefinition(
            min = "0",
            max = "1440",
            description = "Minutes between re-checks of the chosen blocks; 0 = never.")
    int recheck_minutes() default 10;

    @AttributeDefinition(description = "Move only when the weakest block's throughput grows by this factor.")
    double move_factor() default 1.5;
}

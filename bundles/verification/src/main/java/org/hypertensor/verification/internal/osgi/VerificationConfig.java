package org.hypertensor.verification.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The verifier's configuration ({@code etc/org.hypertensor.verification.cfg}, docs/staking.md). */
@ObjectClassDefinition(
        id = VerificationConfig.PID,
        name = "Verification",
        description = "Probes the other nodes of this node's subnets every epoch and submits the scores")
public @interface VerificationConfig {

    String PID = "org.hypertensor.verification";

    @AttributeDefinition(description = "Probe and submit scores (needs account.key).")
    boolean enabled() default true;

    @AttributeDefinition(
            required = false,
            description = "The key of this node's account, which submits the scores: a development URI (//Alice, dev "
                    + "chains only) or a keystore key name; empty = off.")
    String account_key() default "";

    @AttributeDefinition(
            required = false,
            description = "File (relative to the node home) holding the keystore password; empty = the environment.")
    String account_password_file() default "";

    @AttributeDefinition(
            description = "The model to check answers with: a name under data/models or a directory; used for the "
                    + "subnets whose model id it has.")
    String model() default "devnet";

    @AttributeDefinition(min = "1", max = "512", description = "Positions (tokens) of each probe input.")
    int probe_tokens() default 4;

    @AttributeDefinition(
            min = "0",
            max = "1",
            description = "Largest absolute difference between an answer and this node's own output that passes.")
    double tolerance() default 0.001;

    @AttributeDefinition(min = "1", max = "4096", description = "Nodes probed per subnet and epoch (the work bound).")
    int probe_max_nodes() default 64;

    @AttributeDefinition(
            min = "1",
            max = "8000",
            description = "Share of the epoch (bp) over which the probes are spread, each at a random delay.")
    int probe_spread_bp() default 5000;

    @AttributeDefinition(min = "1", max = "600", description = "Seconds one probe may wait for its answer.")
    int probe_timeout_seconds() default 10;

    @AttributeDefinition(
            min = "1",
            max = "1048576",
            description = "MiB of blocks this node may host at once to compute expected outputs.")
    int reference_max_mb() default 1024;
}

package org.hypertensor.inference.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.hypertensor.inference}. */
@ObjectClassDefinition(name = "Inference", description = "Engine choice and local generation defaults.")
public @interface InferenceConfig {

    @AttributeDefinition(
            name = "Preferred engine",
            description = "Host blocks on this engine when it is"
                    + " available, whatever the priorities; empty = by priority.",
            required = false)
    String engine_preferred() default "";

    @AttributeDefinition(
            name = "Model",
            description = "The model infer:local uses without --model: a name under" + " data/models or a directory.")
    String model() default "devnet";

    @AttributeDefinition(
            name = "Max new tokens",
            description = "Tokens infer:local generates without --max-tokens.",
            min = "1",
            max = "100000")
    int max_new_tokens() default 48;
}

package org.hypertensor.engine.tensorflow.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code org.hypertensor.engine.tensorflow}. */
@ObjectClassDefinition(name = "TensorFlow inference engine", description = "TensorFlow Java 1.1.0, CPU or GPU natives.")
public @interface TensorFlowEngineConfig {

    @AttributeDefinition(
            name = "Priority",
            description = "Blocks are hosted on the available engine with the" + " highest priority.",
            min = "0",
            max = "1000")
    int engine_priority() default TensorFlowComponent.PRIORITY;

    @AttributeDefinition(
            name = "Device",
            description = "auto: a GPU when one answers, else the CPU; gpu falls back" + " to cpu with a warning.",
            options = {@Option(value = "auto"), @Option(value = "cpu"), @Option(value = "gpu")})
    String device() default "auto";

    @AttributeDefinition(
            name = "Threads",
            description = "TensorFlow intra-op threads; 0 = every core.",
            min = "0",
            max = "1024")
    int threads() default 0;

    @AttributeDefinition(
            name = "Cache memory (MB)",
            description = "Attention cache all sessions may hold together.",
            min = "1",
            max = "1048576")
    int cache_max_mb() default 1024;

    @AttributeDefinition(
            name = "Weights",
            description = "native: BF16/F16 linear weights stay 16-bit (half the memory, cast to float32 in the"
                    + " graph); f32: expanded when loaded (faster decode on CPU).",
            options = {@Option(value = "native"), @Option(value = "f32")})
    String weights() default "native";
}

package org.hypertensor.engine.java.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.hypertensor.engine.java}. */
@ObjectClassDefinition(name = "Java inference engine", description = "The pure-Java reference engine (CPU).")
public @interface JavaEngineConfig {

    @AttributeDefinition(
            name = "Priority",
            description = "Blocks are hosted on the available engine with the" + " highest priority.",
            min = "0",
            max = "1000")
    int engine_priority() default JavaEngine.PRIORITY;

    @AttributeDefinition(name = "Threads", description = "Compute threads; 0 uses every core.", min = "0", max = "1024")
    int threads() default 0;

    @AttributeDefinition(
            name = "Cache memory (MB)",
            description = "Attention cache all sessions may hold together.",
            min = "1",
            max = "1048576")
    int cache_max_mb() default 1024;

    @AttributeDefinition(
            name = "Weights",
            description = "How linear weights are held: native (F16/BF16 stay 16-bit, F32 stays float32),"
                    + " f32 (all expanded), int8 (weight-only, one scale per output channel).",
            options = {
                @org.osgi.service.metatype.annotations.Option(label = "native", value = "native"),
                @org.osgi.service.metatype.annotations.Option(label = "f32", value = "f32"),
                @org.osgi.service.metatype.annotations.Option(label = "int8", value = "int8")
            })
    String weights() default "native";

    @AttributeDefinition(
            name = "Kernels",
            description = "auto: SIMD kernels (the Vector API) when the JVM runs with --add-modules"
                    + " jdk.incubator.vector, else plain Java; scalar: always plain Java.",
            options = {
                @org.osgi.service.metatype.annotations.Option(label = "auto", value = "auto"),
                @org.osgi.service.metatype.annotations.Option(label = "scalar", value = "scalar")
            })
    String kernels() default "auto";
}

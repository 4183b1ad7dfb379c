package org.hypertensor.engine.java.internal;

import org.hypertensor.plugin.api.engine.EngineProperties;
import org.hypertensor.plugin.api.engine.InferenceEngine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code engine:java}: the Java engine's threads, weight format, kernels (vector or scalar) and free cache. */
@Component(
        service = JavaEngineCommands.class,
        property = {"osgi.command.scope=engine", "osgi.command.function=java"})
public final class JavaEngineCommands {

    private final InferenceEngine engine;

    @Activate
    public JavaEngineCommands(
            @Reference(target = "(" + EngineProperties.NAME + "=" + JavaEngine.NAME + ")") InferenceEngine engine) {
        this.engine = engine;
    }

    /** The Java engine's settings and state. */
    public String java() {
        return engine instanceof JavaEngine j ? j.describe() : "the engine named java is not this bundle's";
    }
}

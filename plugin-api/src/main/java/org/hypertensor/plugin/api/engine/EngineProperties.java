package org.hypertensor.plugin.api.engine;

/**
 * The service properties every {@link InferenceEngine} registers with, so the node can choose an engine
 * without calling it. Example (a DS component):
 *
 * <pre>{@code
 * @Component(property = {EngineProperties.NAME + "=myengine", EngineProperties.DEVICE + "=cpu",
 *     EngineProperties.PRIORITY + ":Integer=15"})
 * }</pre>
 */
public final class EngineProperties {

    /** The engine's name, unique on a node, e.g. {@code java}, {@code tensorflow}. */
    public static final String NAME = "engine.name";
    /** The device it computes on: {@link #CPU} or {@link #GPU}. */
    public static final String DEVICE = "engine.device";
    /** An Integer; the node hosts blocks on the available engine with the highest priority. */
    public static final String PRIORITY = "engine.priority";
    /** The model architectures it runs (String+), e.g. {@code llama}. */
    public static final String ARCHITECTURES = "engine.architectures";
    /** The dtypes it accepts (String+), names of {@link DType}. */
    public static final String DTYPES = "engine.dtypes";

    public static final String CPU = "cpu";
    public static final String GPU = "gpu";

    private EngineProperties() {}
}

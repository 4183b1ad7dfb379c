package org.hypertensor.plugin.api.engine;

import java.util.Set;

/**
 * An inference backend, registered as an OSGi service with the {@link EngineProperties} properties. The
 * node hosts its blocks on the best available engine and moves them when engines come and go.
 * Implemented by engine plugins.
 */
public interface InferenceEngine {

    /** The same as the {@link EngineProperties#NAME} property. */
    String name();

    /** The device it really computes on ({@link EngineProperties#CPU}, {@link EngineProperties#GPU}). */
    String device();

    /** Architectures it runs, e.g. {@code llama}. */
    Set<String> architectures();

    Set<DType> dtypes();

    /** Bytes of device memory still free for weights and caches; {@code -1} when unknown. */
    long freeMemory();

    /** Whether it can run this model; {@link #load} throws an {@link EngineException} for one it cannot. */
    default boolean supports(ModelManifest manifest) {
        return architectures().contains(manifest.architecture()) && dtypes().contains(manifest.dtype());
    }

    /**
     * Loads the blocks {@code range} of {@code manifest}'s model from {@code weights}.
     *
     * @throws RangeException if the range is beyond the model's blocks
     * @throws ShapeException if a weight has the wrong shape
     * @throws EngineMemoryException if the weights do not fit
     */
    LoadedBlocks load(ModelManifest manifest, BlockRange range, WeightSource weights);
}

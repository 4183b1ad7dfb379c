package org.hypertensor.plugin.api.engine;

import org.osgi.annotation.versioning.ProviderType;

/** A consecutive block range of a model, loaded by an engine. Thread-safe across sessions. */
@ProviderType
public interface LoadedBlocks extends AutoCloseable {

    ModelManifest manifest();

    BlockRange range();

    /** The engine that loaded these blocks (its {@link EngineProperties#NAME}). */
    String engine();

    /** The device they really run on. */
    String device();

    /** Bytes the weights take. */
    long weightBytes();

    /**
     * Opens a session with its attention cache for {@code maxLength} positions of {@code batch} sequences.
     *
     * @throws RangeException if {@code maxLength} exceeds the model's max positions
     * @throws EngineMemoryException if the cache does not fit in the engine's memory budget
     */
    InferenceSession openSession(int batch, int maxLength);

    /**
     * Runs the hidden states {@code [batch, seq, hidden]} through every block at positions
     * {@code session.position() ..}, appends their keys and values to the session and advances it.
     *
     * @throws ShapeException on a wrong shape or a batch other than the session's
     * @throws RangeException if the positions would pass the session's {@code maxLength}
     */
    Tensor forward(Tensor hidden, InferenceSession session);

    /** A stateless forward of {@code [batch, seq, hidden]} at positions {@code 0..seq-1}, no cache kept. */
    default Tensor forward(Tensor hidden) {
        try (InferenceSession once =
                openSession(hidden.rank() == 3 ? hidden.dim(0) : 1, hidden.rank() == 3 ? hidden.dim(1) : 1)) {
            return forward(hidden, once);
        }
    }

    /** Releases the weights; open sessions become unusable. */
    @Override
    void close();
}

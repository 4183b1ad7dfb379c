/**
 * The inference engine plugin API: an {@link org.hypertensor.plugin.api.engine.InferenceEngine} is an OSGi
 * service that loads a consecutive range of a decoder model's blocks and runs them over shaped float32
 * buffers ({@link org.hypertensor.plugin.api.engine.Tensor}); an
 * {@link org.hypertensor.plugin.api.engine.InferenceSession} owns the attention cache of one sequence.
 * No framework type crosses this API, so engines are interchangeable while the node runs.
 */
@Version("1.3.0")
@Export
package org.hypertensor.plugin.api.engine;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

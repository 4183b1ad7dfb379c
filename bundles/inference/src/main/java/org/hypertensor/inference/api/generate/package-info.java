/**
 * Text generation with a subnet's model: the {@link org.hypertensor.inference.api.generate.TextGenerator}
 * service (one per way of generating: on this node, or through the network's servers) that front ends such as
 * the OpenAI-compatible endpoint call, and the pieces a client keeps locally — {@link
 * org.hypertensor.inference.api.generate.ModelEnds} (embeddings, final norm, LM head), the {@link
 * org.hypertensor.inference.api.generate.Sampler} and {@link org.hypertensor.inference.api.generate.TextStream}.
 */
@Version("1.2.0")
@Export
package org.hypertensor.inference.api.generate;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

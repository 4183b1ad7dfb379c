/**
 * Distributed inference: servers hosting block ranges of a subnet's model, as announced in the DHT
 * ({@link org.hypertensor.inference.net.api.BlockAnnouncement}, {@link
 * org.hypertensor.inference.net.api.InferenceServers}). Generation through them is the {@code
 * TextGenerator} service with {@code hypertensor.generator.mode=distributed}. A forward through one given server,
 * with its signed receipt: {@link org.hypertensor.inference.net.api.ForwardClient}. What the local server is doing:
 * {@link org.hypertensor.inference.net.api.ServerActivity}.
 */
@Version("1.2.0")
@Export
package org.hypertensor.inference.net.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

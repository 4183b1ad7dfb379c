/** Model manifests, safetensors, the deterministic model generator and tokenizers. */
@Version("1.0.0")
@Export
package org.hypertensor.model.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Models on disk: a directory with {@code manifest.json} and safetensors weights, opened with their
 * hashes checked; the deterministic generator of llama-style test models; tokenizers.
 */
@Version("1.3.0")
@Export
package org.hypertensor.model.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

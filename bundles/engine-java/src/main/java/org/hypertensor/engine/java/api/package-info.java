/** The pure-Java inference engine: llama-style decoder blocks with a KV cache. */
@Version("1.0.0")
@Export
package org.hypertensor.engine.java.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

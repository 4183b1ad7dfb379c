/**
 * Hosting block ranges on the node's engines: a {@link org.hypertensor.inference.api.BlockHost} loads blocks
 * on the best available engine and moves them, with their open sessions, when engines come, go or are
 * preferred, without a restart.
 */
@Version("1.1.0")
@Export
package org.hypertensor.inference.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

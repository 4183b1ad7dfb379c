/**
 * The types every Hypertensor plugin needs: how a plugin describes itself to the node and the service
 * properties through which it advertises what it can do.
 *
 * <p>Semantically versioned: a change that breaks plugin authors needs a major version bump, which the
 * build enforces against the committed baseline.
 */
@Version("1.0.0")
@Export
package org.hypertensor.plugin.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** Services of the node core that other bundles use: where the node lives and its features. */
@Version("1.0.0")
@Export
package org.hypertensor.node.core.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

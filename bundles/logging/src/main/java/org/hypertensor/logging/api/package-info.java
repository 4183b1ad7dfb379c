/** Run-time control of the node's logging: levels per logger and the recent entries. */
@Version("1.0.0")
@Export
package org.hypertensor.logging.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/** Signed DHT records, as other bundles publish and read them. */
@Version("1.0.0")
@Export
package org.hypertensor.dht.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The epoch payout from the rewards vault: {@link org.hypertensor.emissions.api.EmissionsRuntime} (typed runtime
 * view) and {@link org.hypertensor.emissions.api.EmissionsQueries} (OSGi service for RPC and shells).
 */
@Version("1.0.0")
@Export
package org.hypertensor.emissions.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

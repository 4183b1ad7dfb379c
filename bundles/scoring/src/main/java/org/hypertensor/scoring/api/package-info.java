/**
 * Epoch score consensus: {@link org.hypertensor.scoring.api.ScoringRuntime} is the typed view the emissions
 * module reads inside a block; {@link org.hypertensor.scoring.api.ScoringQueries} is the OSGi service RPC
 * ({@code network_getEpochResult}) and shells use; {@link org.hypertensor.scoring.api.ScoringCalls} builds the
 * module's calls.
 */
@Version("1.0.0")
@Export
package org.hypertensor.scoring.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Epoch score consensus: {@link org.hypertensor.consensus.api.ConsensusRuntime} is the typed view the emissions
 * module reads inside a block; {@link org.hypertensor.consensus.api.ConsensusQueries} is the OSGi service RPC
 * ({@code network_getEpochResult}) and shells use; {@link org.hypertensor.consensus.api.ConsensusCalls} builds the
 * module's calls.
 */
@Version("1.0.0")
@Export
package org.hypertensor.consensus.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

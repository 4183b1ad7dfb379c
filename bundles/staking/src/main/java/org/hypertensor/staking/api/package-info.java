/**
 * Subnets, nodes and stake. {@link org.hypertensor.staking.api.StakingRuntime} is the typed view other runtime
 * modules (consensus, emissions) use inside a block; {@link org.hypertensor.staking.api.StakingQueries} is the
 * OSGi service RPC and shells use to read the head state; {@link org.hypertensor.staking.api.CallSubmitter}
 * signs and submits the chain modules' calls for shell commands.
 */
@Version("1.0.0")
@Export
package org.hypertensor.staking.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * The chain on the network, as other bundles (RPC, shell) read it: block sync progress and what each
 * peer says its finalized height is.
 */
@Version("1.0.0")
@Export
package org.hypertensor.chain.network.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

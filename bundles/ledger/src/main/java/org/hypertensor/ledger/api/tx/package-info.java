/** Calls and signed transactions: how clients (shell, RPC, other bundles) build, sign and encode them. */
@Version("1.0.0")
@Export
package org.hypertensor.ledger.api.tx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

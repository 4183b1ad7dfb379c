/** Chain spec, transactions, pool, blocks, the runtime module SPI, balances, subsidy and the consensus engine. */
@Version("1.0.0")
@Export
package org.hypertensor.ledger.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

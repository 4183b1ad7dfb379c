/**
 * The runtime module SPI: state-transition modules (balances, staking, consensus, emissions, …) are OSGi
 * services implementing {@link org.hypertensor.ledger.api.runtime.RuntimeModule}. The chain spec lists the
 * required {@code (name, version)} set; the ledger imports or produces blocks only while all are present.
 * Everything a module does goes through the {@link org.hypertensor.ledger.api.runtime.RuntimeContext} it is
 * handed: state reads and writes, parameters, balances and the typed runtime APIs of other modules.
 */
@Version("1.0.0")
@Export
package org.hypertensor.ledger.api.runtime;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

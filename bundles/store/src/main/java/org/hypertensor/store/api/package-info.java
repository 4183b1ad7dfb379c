/** The node's embedded Derby database: authenticated (Merkle) state and the block store, committed one block per transaction. */
@Version("1.4.0")
@Export
package org.hypertensor.store.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

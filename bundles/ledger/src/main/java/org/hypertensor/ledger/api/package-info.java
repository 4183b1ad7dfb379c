/**
 * The ledger as other bundles use it: the chain's head and blocks, transactions and receipts, submitting
 * signed transactions, balances and supply, read-only queries of module state, and head notifications.
 */
@Version("1.5.0")
@Export
package org.hypertensor.ledger.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

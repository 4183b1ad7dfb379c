/**
 * The canonical binary encoding of transactions, blocks and state values: one encoding, the same bytes
 * on every node, decoded strictly (trailing bytes, over-long lengths and unknown variants are errors).
 */
@Version("1.0.0")
@Export
package org.hypertensor.ledger.api.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

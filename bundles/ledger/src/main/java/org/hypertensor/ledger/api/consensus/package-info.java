/**
 * The consensus-engine SPI: what an engine (the single authority, a BFT engine in its own bundle) and
 * the chain network (block sync) ask of the ledger. The ledger registers a
 * {@link org.hypertensor.ledger.api.consensus.ConsensusChain} service: propose a block from the pool,
 * execute a proposed block without committing it, commit it with its finality certificate, import a
 * finalized block from a peer, read the validator set. An engine whose certificates are not the single
 * authority's registers a {@link org.hypertensor.ledger.api.consensus.FinalityRule} service.
 */
@Version("1.3.0")
@Export
package org.hypertensor.ledger.api.consensus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

/**
 * Tendermint-style BFT finality (Buchman, Kwon, Milosevic, "The latest gossip on BFT consensus", 2018):
 * the validator set and proposer rotation, signed votes and proposals, finality certificates,
 * equivocation evidence, the pure consensus state machine ({@link org.hypertensor.bft.api.ConsensusMachine})
 * and the single-threaded driver that runs it against a network, a clock and a double-sign guard.
 * See docs/bft.md.
 */
@Version("1.0.0")
@Export
package org.hypertensor.bft.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

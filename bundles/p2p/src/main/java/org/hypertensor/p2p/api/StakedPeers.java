package org.hypertensor.p2p.api;

import java.util.concurrent.CompletionStage;

/**
 * Tells the host which peers hold stake, so that it keeps connection slots for them: unstaked inbound
 * peers share a capped number of slots and are pruned when idle, a staked peer takes the slot of an
 * unstaked one when all are taken. Register as an OSGi service (the DHT does, from its proof-of-stake
 * admission); without one, every peer counts as unstaked.
 */
@FunctionalInterface
public interface StakedPeers {

    CompletionStage<Boolean> isStaked(PeerId peer);
}

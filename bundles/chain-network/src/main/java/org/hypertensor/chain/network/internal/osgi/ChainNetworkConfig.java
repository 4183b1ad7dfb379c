package org.hypertensor.chain.network.internal.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.hypertensor.chain.network.cfg}. Defaults live here and nowhere else. */
@ObjectClassDefinition(
        id = ChainNetworkConfig.PID,
        name = "Chain network",
        description = "Block sync and finalized-block gossip between nodes of one chain.")
public @interface ChainNetworkConfig {

    String PID = "org.hypertensor.chain.network";

    @AttributeDefinition(
            name = "Sync batch",
            min = "1",
            max = "4096",
            description = "Most blocks asked of (and served to) one peer per request.")
    int sync_batch_blocks() default 256;

    @AttributeDefinition(
            name = "Sync parallel peers",
            min = "1",
            max = "32",
            description = "Batches downloaded at once, each from another peer where there are several.")
    int sync_parallel_peers() default 4;

    @AttributeDefinition(
            name = "Sync interval",
            min = "100",
            description = "Milliseconds between asking the peers for their finalized height.")
    int sync_interval_ms() default 2000;

    @AttributeDefinition(
            name = "Sync timeout",
            min = "1",
            description = "Seconds a peer has to answer one sync request.")
    int sync_timeout_seconds() default 30;

    @AttributeDefinition(
            name = "State chunk leaves",
            min = "2",
            max = "65536",
            description = "State sync: most state entries asked of (and served to) a peer per chunk.")
    int state_chunk_leaves() default 4096;

    @AttributeDefinition(
            name = "Ban minutes",
            min = "1",
            description = "How long a peer that served an invalid block is refused.")
    int ban_minutes() default 60;

    @AttributeDefinition(
            name = "BFT propose timeout",
            min = "1",
            description = "Milliseconds a validator waits for the round's proposal (round 0; grows per round).")
    int bft_propose_ms() default 1000;

    @AttributeDefinition(
            name = "BFT vote timeout",
            min = "1",
            description = "Milliseconds of the prevote and precommit timeouts (round 0; grow per round).")
    int bft_vote_ms() default 500;

    @AttributeDefinition(
            name = "BFT timeout growth",
            min = "0",
            description = "Milliseconds every timeout grows by per round.")
    int bft_round_delta_ms() default 500;

    @AttributeDefinition(
            name = "BFT retransmit",
            min = "0",
            description = "Milliseconds between re-sending this validator's messages of the current round (0: never).")
    int bft_retransmit_ms() default 1000;
}

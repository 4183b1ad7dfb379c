package org.hypertensor.p2p.api;

import java.time.Instant;
import java.util.List;

/** A snapshot of one live connection and what identify told us about the peer. */
public record PeerConnection(
        PeerId peer,
        Multiaddr remoteAddress,
        boolean outbound,
        Instant openedAt,
        int openStreams,
        String agentVersion,
        List<String> protocols) {}

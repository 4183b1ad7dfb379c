package org.hypertensor.chain.network.api;

/** A peer's reported finalized height, and whether it is banned for serving an invalid block. */
public record PeerHeight(String peerId, long finalizedHeight, boolean banned) {}

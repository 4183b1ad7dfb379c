package org.hypertensor.p2p.api;

/**
 * A gossip message: its author ({@code from}, whose signature was verified), payload, 8-byte sequence
 * number and topic, and the peer that handed it to us.
 */
public record PubSubMessage(PeerId from, byte[] data, byte[] seqno, String topic, PeerId receivedFrom) {}

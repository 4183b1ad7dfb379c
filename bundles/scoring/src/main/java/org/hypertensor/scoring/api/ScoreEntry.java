package org.hypertensor.scoring.api;

/** One score of a submission: a peer id and its score in bp (1..10,000). */
public record ScoreEntry(String peerId, long score) {}

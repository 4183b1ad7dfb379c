package org.hypertensor.scoring.api;

import java.util.List;

/**
 * A node's part in the running epoch: its scores (for each node that was included when it submitted, the score,
 * or 0 when omitted) and whether it unconfirmed.
 */
public record Submission(
        byte[] account, String peerId, boolean submitted, boolean unconfirmed, List<ScoreEntry> scores) {}

package org.hypertensor.ledger.api;

/** {@code running}, or paused with the reason (for example a required module missing or in the wrong version). */
public record LedgerStatus(boolean running, String reason) {}

package org.hypertensor.ledger.api;

import java.math.BigInteger;

/**
 * The outcome of an included transaction: the fee it paid and, when its call failed, which module error
 * ({@code error} and {@code message} are {@code null} on success).
 */
public record Receipt(boolean success, BigInteger fee, String error, String message) {}

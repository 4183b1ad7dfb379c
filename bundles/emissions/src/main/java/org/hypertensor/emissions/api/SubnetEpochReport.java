package org.hypertensor.emissions.api;

import org.hypertensor.scoring.api.EpochResult;

/**
 * Everything about one subnet's epoch, for {@code network_getEpochResult}: how consensus closed it (who was
 * scored, penalized, removed, slashed, and why) and what the subnet was paid ({@code payout} {@code null} when
 * it was not paid, or the epoch is not paid yet; {@code payoutNotes} then says why).
 */
public record SubnetEpochReport(EpochResult result, SubnetPayout payout, java.util.List<String> payoutNotes) {}

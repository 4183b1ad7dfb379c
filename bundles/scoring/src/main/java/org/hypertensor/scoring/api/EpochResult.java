package org.hypertensor.scoring.api;

import java.util.List;

/**
 * A subnet's epoch as consensus closed it at {@code block}: {@code eligible} submit-eligible nodes,
 * {@code submissions} of them took part (scores or unconfirm), {@code unconfirms} unconfirmed;
 * {@code subnetErrors} after this epoch; {@code notes} says why the subnet got an error or was forgiven one.
 */
public record EpochResult(
        long subnet,
        long epoch,
        long block,
        EpochStatus status,
        long eligible,
        long submissions,
        long unconfirms,
        long subnetErrors,
        List<NodeOutcome> nodes,
        List<String> notes) {

    public boolean inConsensus() {
        return status == EpochStatus.CONSENSUS;
    }
}

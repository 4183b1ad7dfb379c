package org.hypertensor.verification.internal.probe;

import org.hypertensor.plugin.api.engine.BlockRange;

/**
 * One probe of one range a target announced ({@code blocks} null when it announced none).
 *
 * @param latencyMillis from sending the request to the signed answer (-1 when none came)
 * @param maxError largest absolute difference to the expected output (NaN when not compared)
 * @param detail one line for operators (the refusal, the reason it was not checked), empty when it passed
 */
public record ProbeReport(
        long subnet,
        long epoch,
        String target,
        BlockRange blocks,
        Outcome outcome,
        long latencyMillis,
        double maxError,
        long bytesSent,
        String detail) {}

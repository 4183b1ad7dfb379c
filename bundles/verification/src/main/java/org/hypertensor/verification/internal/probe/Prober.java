package org.hypertensor.verification.internal.probe;

import java.time.Duration;
import java.util.Optional;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.inference.net.api.ForwardClient;
import org.hypertensor.inference.net.api.ForwardDigests;
import org.hypertensor.inference.net.api.ForwardRefusedException;
import org.hypertensor.inference.net.api.ServerState;
import org.hypertensor.inference.net.api.SignedForward;
import org.hypertensor.plugin.api.engine.Tensor;

/**
 * Probes one announced range of a target: sends the epoch's probe input through it, takes the signed answer
 * and compares it with this node's own engine output for those blocks. Off-chain: the comparison is floating
 * point; only the score made of the outcomes is an integer.
 */
public final class Prober {

    /** What one probe gives: its report, and evidence when it failed. */
    public record Result(ProbeReport report, Optional<Evidence> evidence) {}

    private final ForwardClient client;
    private final int tokens;
    private final double tolerance;
    private final Duration timeout;

    public Prober(ForwardClient client, int tokens, double tolerance, Duration timeout) {
        this.client = client;
        this.tokens = tokens;
        this.tolerance = tolerance;
        this.timeout = timeout;
    }

    /** @param reference this node's engine for the subnet's model, or empty when it has none */
    public Result probe(long subnet, long epoch, BlockAnnouncement target, Optional<ReferenceBlocks> reference) {
        String peer = target.peer().toBase58();
        if (target.state() != ServerState.ONLINE) {
            return report(subnet, epoch, target, Outcome.NOT_SERVING, -1, Double.NaN, 0, "announced " + target.state());
        }
        if (reference.isEmpty() || !reference.get().modelId().equals(target.model())) {
            return report(subnet, epoch, target, Outcome.UNCHECKED, -1, Double.NaN, 0, "this node has not the model");
        }
        ReferenceBlocks ref = reference.get();
        if (!ref.canCheck()) {
            return report(
                    subnet,
                    epoch,
                    target,
                    Outcome.UNCHECKED,
                    -1,
                    Double.NaN,
                    0,
                    "a block needs " + ref.blockBytes() / (1 << 20) + " MiB, over the reference budget of "
                            + ref.budgetBytes() / (1 << 20) + " MiB");
        }
        Tensor input = ProbeInput.of(epoch, target.peer(), tokens, ref.hiddenSize());
        long sent = (long) input.size() * Float.BYTES;
        long start = System.nanoTime(); // a duration, not a time of day
        SignedForward answer;
        try {
            answer = client.forward(target.peer(), target.model(), target.range(), epoch, input, timeout);
        } catch (ForwardRefusedException e) {
            return report(subnet, epoch, target, Outcome.NO_ANSWER, -1, Double.NaN, sent, e.getMessage());
        }
        long latency = (System.nanoTime() - start) / 1_000_000;
        Tensor expected;
        try {
            expected = ref.forward(target.range(), input);
        } catch (RuntimeException e) {
            return report(
                    subnet,
                    epoch,
                    target,
                    Outcome.UNCHECKED,
                    latency,
                    Double.NaN,
                    sent,
                    "own engine: " + e.getMessage());
        }
        double error = expected.maxAbsDifference(answer.output());
        if (error <= tolerance) {
            return report(subnet, epoch, target, Outcome.PASSED, latency, error, sent, "");
        }
        Evidence evidence = new Evidence(subnet, epoch, ForwardDigests.outputHash(expected), error, answer);
        ProbeReport r = new ProbeReport(
                subnet,
                epoch,
                peer,
                target.range(),
                Outcome.FAILED,
                latency,
                error,
                sent,
                String.format(java.util.Locale.ROOT, "max abs error %.3g > %.3g", error, tolerance));
        return new Result(r, Optional.of(evidence));
    }

    private static Result report(
            long subnet,
            long epoch,
            BlockAnnouncement target,
            Outcome outcome,
            long latency,
            double error,
            long sent,
            String detail) {
        return new Result(
                new ProbeReport(
                        subnet, epoch, target.peer().toBase58(), target.range(), outcome, latency, error, sent, detail),
                Optional.empty());
    }
}

package org.hypertensor.verification.internal.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hypertensor.inference.net.api.BlockAnnouncement;
import org.hypertensor.verification.internal.probe.ProbeReport;
import org.hypertensor.verification.internal.probe.ReferenceBlocks;

/**
 * One epoch's verification of one subnet: the targets to probe, their reports as they come in, and the scores
 * once submitted. Written by the verifier's thread, read by the shell: every access holds the lock.
 */
public final class Round {

    /** A copy for the shell. */
    public record View(long subnet, long epoch, List<ProbeReport> reports, Map<String, Long> scores, String status) {}

    private final long subnet;
    private final long epoch;
    private final List<String> targets;
    private final ReferenceBlocks reference;
    private final List<ProbeReport> reports = new ArrayList<>();
    private final Map<String, Long> scores = new TreeMap<>();
    private int pending;
    private boolean submitted;
    private List<BlockAnnouncement> announced;
    private String lookupError = "announcements not read yet";
    private String status = "probing";

    public Round(long subnet, long epoch, List<String> targets, ReferenceBlocks reference) {
        this.subnet = subnet;
        this.epoch = epoch;
        this.targets = List.copyOf(targets);
        this.reference = reference;
        this.pending = targets.size();
    }

    public long subnet() {
        return subnet;
    }

    public long epoch() {
        return epoch;
    }

    public List<String> targets() {
        return targets;
    }

    /** This node's engine for the subnet's model, or null when it has not the model. */
    public ReferenceBlocks reference() {
        return reference;
    }

    /**
     * The subnet's announcements as read at the round's start (the epoch's first head), the same moment on every
     * prober: which ranges count as served this epoch. A server that comes online later counts from the next
     * epoch, so honest probers (and the server itself) share one view and submit equal scores.
     *
     * @throws IllegalStateException when they could not be read (the reason)
     */
    public synchronized List<BlockAnnouncement> announced() {
        if (announced == null) {
            throw new IllegalStateException(lookupError);
        }
        return announced;
    }

    public synchronized void announced(List<BlockAnnouncement> read, String error) {
        announced = read == null ? null : List.copyOf(read);
        lookupError = error;
    }

    /** Records a target's probes; true when it was the last target. */
    public synchronized boolean finished(List<ProbeReport> target) {
        reports.addAll(target);
        pending--;
        return pending == 0;
    }

    public synchronized boolean done() {
        return pending <= 0;
    }

    public synchronized List<ProbeReport> reports(String target) {
        return reports.stream().filter(r -> r.target().equals(target)).toList();
    }

    /** Whether this round's scores went to the pool (accepted or refused: it is not retried). */
    public synchronized boolean submitted() {
        return submitted;
    }

    public synchronized void submitted(Map<String, Long> sent, String outcome) {
        scores.putAll(sent);
        submitted = true;
        status = outcome;
    }

    public synchronized void status(String s) {
        status = s;
    }

    public synchronized View view() {
        return new View(subnet, epoch, List.copyOf(reports), new TreeMap<>(scores), status);
    }
}

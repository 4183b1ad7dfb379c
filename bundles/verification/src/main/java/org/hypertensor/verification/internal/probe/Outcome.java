package org.hypertensor.verification.internal.probe;

/** What one probe of a target's announced blocks found. */
public enum Outcome {
    /** The signed answer is within tolerance of this node's own engine: the blocks count for the target. */
    PASSED,
    /** The signed answer is off by more than the tolerance: the target scores 1; the answer is evidence. */
    FAILED,
    /** No valid signed answer (refused, unreachable, timed out, or a forged/replayed/foreign receipt): score 1. */
    NO_ANSWER,
    /** The target announces the blocks but not as serving (offline, joining): they do not count. */
    NOT_SERVING,
    /** This node cannot compute the expected output (model missing, block over its memory budget). */
    UNCHECKED
}

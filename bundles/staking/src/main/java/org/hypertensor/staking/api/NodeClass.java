package org.hypertensor.staking.api;

/** A node's class, from its age: others must include it once {@code INCLUDED}, it may submit once {@code SUBMITTABLE}. */
public enum NodeClass {
    REGISTERED,
    INCLUDED,
    SUBMITTABLE;

    public boolean atLeast(NodeClass other) {
        return compareTo(other) >= 0;
    }
}

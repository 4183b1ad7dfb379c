package org.hypertensor.node.core.api;

/**
 * A component that is active but cannot do its job (e.g. the ledger with a refused chain spec) says why by
 * registering a service, of any class, with the property {@link #PROPERTY} set to one line naming the
 * problem; {@code node:status} lists it under Problems until the registration goes.
 *
 * @since 1.1
 */
public final class NodeProblem {

    /** Service property: one line saying what is wrong. */
    public static final String PROPERTY = "hypertensor.problem";

    /** Service property: who reports it (a component or bundle name). */
    public static final String SOURCE = "hypertensor.problem.source";

    private NodeProblem() {}
}

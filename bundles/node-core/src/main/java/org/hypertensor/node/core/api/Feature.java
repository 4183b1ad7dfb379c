package org.hypertensor.node.core.api;

import java.util.List;

/**
 * A named set of bundles an operator installs together, resolved at build time.
 *
 * @param name the feature's name, e.g. {@code node-core}
 * @param description one sentence on what it adds
 * @param boot whether it is part of every node (and so cannot be uninstalled)
 * @param bundles the bundles it needs, as {@code symbolic-name;version-range}
 * @param state whether it is installed on this node
 */
public record Feature(String name, String description, boolean boot, List<String> bundles, State state) {

    /** Whether a feature's bundles are on the node. */
    public enum State {
        /** Every bundle is installed and active (or resolved, for fragments). */
        INSTALLED,
        /** Some bundles are missing or not active. */
        PARTIAL,
        /** None of its own bundles are installed. */
        AVAILABLE
    }
}

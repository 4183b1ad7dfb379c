package org.hypertensor.node.core.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Installs and removes features while the node runs; installed features come back after a restart. */
@ProviderType
public interface FeatureService {

    /** Every feature the distribution ships, by name. */
    List<Feature> list();

    /**
     * Installs and starts the feature's bundles that are not on the node yet. Either all of them
     * start or none stays installed.
     *
     * @return the symbolic names of the bundles it installed
     * @throws IllegalArgumentException if there is no such feature or a bundle it needs is missing
     * @throws IllegalStateException if a bundle fails to start (the install is rolled back)
     */
    List<String> install(String name);

    /**
     * Uninstalls the feature's bundles that no other installed feature and no boot bundle needs.
     *
     * @return the symbolic names of the bundles it removed
     * @throws IllegalArgumentException if there is no such feature, it is a boot feature or not installed
     */
    List<String> uninstall(String name);
}

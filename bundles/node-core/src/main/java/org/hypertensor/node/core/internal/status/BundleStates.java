package org.hypertensor.node.core.internal.status;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** Bundle states as words, fragments marked. */
final class BundleStates {

    private BundleStates() {}

    static String of(Bundle bundle) {
        String state = switch (bundle.getState()) {
            case Bundle.ACTIVE -> "ACTIVE";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            default -> "UNKNOWN";
        };
        return isFragment(bundle) ? state + " (fragment)" : state;
    }

    static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /** Active, or resolved for a fragment (fragments never start). */
    static boolean isRunning(Bundle bundle) {
        return bundle.getState() == Bundle.ACTIVE || isFragment(bundle) && bundle.getState() == Bundle.RESOLVED;
    }
}

package org.hypertensor.logging.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleException;

class OsgiLogBridgeTest {

    private static final String RESOLVER = "Unable to resolve org.example.broken [63](R 63.0): missing requirement"
            + " [org.example.broken [63](R 63.0)] osgi.wiring.package; (osgi.wiring.package=no.such.pkg)";

    @Test
    void anUnresolvableBundleIsTheResolversReasonOnce() {
        BundleException direct = new BundleException(
                RESOLVER + " Unresolved requirements: [[org.example.broken [63](R 63.0)] …]",
                BundleException.RESOLVE_ERROR);
        assertTrue(OsgiLogBridge.isBundleProblem(direct));
        assertEquals(RESOLVER, OsgiLogBridge.bundleProblem(direct));
        // as the Log Service hands over an exception from another class loader
        RuntimeException wrapped = new RuntimeException(
                "org.osgi.framework.BundleException: " + RESOLVER + " Unresolved requirements: [...]");
        assertTrue(OsgiLogBridge.isBundleProblem(wrapped));
        assertEquals(RESOLVER, OsgiLogBridge.bundleProblem(wrapped));
    }

    @Test
    void otherFailuresKeepTheirStackTrace() {
        assertFalse(OsgiLogBridge.isBundleProblem(null));
        assertFalse(OsgiLogBridge.isBundleProblem(new IllegalStateException("a bug")));
        assertFalse(OsgiLogBridge.isBundleProblem(
                new BundleException("activator failed", BundleException.ACTIVATOR_ERROR, new NullPointerException())));
    }
}
